import { Router, type Response } from 'express';
import type { Database } from '../../core/ports/database.ts';
import type { WorkingCalendar } from '../../core/ports/calendar.ts';
import { Forbidden, Invalid } from '../../core/errors.ts';
import { hasRole, type Principal, type Role } from '../../core/identity/roles.ts';
import { loadIndicatorSet, staffRoles, type IndicatorSet, type StaffRole, type Subject } from '../../core/evaluation/indicator-definitions.ts';
import { periodKinds } from '../../core/evaluation/period.ts';
import { regionLevels } from '../../core/evaluation/history-replay.ts';
import { drillDown, evaluate, type EvaluationRequest } from '../../core/evaluation/evaluate.ts';
import { hotSpots } from '../../core/evaluation/hot-spots.ts';
import type { PeriodKind } from '../../core/evaluation/period.ts';
import { requireRole } from '../auth/authenticate.ts';
import { queryValidator } from '../http/validate.ts';
import type { Operation } from '../http/openapi.ts';

const seesAll: Role[] = ['leader', 'admin', 'shift-leader'];
const departmentRoles: Role[] = ['department', 'department-head'];

const periodProperties = {
  subject: { enum: ['department', 'collector', 'region', 'staff'] },
  role: { enum: [...staffRoles], description: 'For subject=staff: 受理员 (acceptor), 值班长 (shift-leader) or 派遣员 (dispatcher)' },
  period: { enum: [...periodKinds] },
  date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A Beijing date inside the period' },
  level: { enum: [...regionLevels], default: 'grid', description: 'For subject=region: unit grid, community or street' },
};
const evaluationQuery = { type: 'object', additionalProperties: false, required: ['subject', 'period', 'date'], properties: periodProperties };
const drillDownQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'id', 'indicator', 'period', 'date'],
  properties: { ...periodProperties, id: { type: 'string', minLength: 1 }, indicator: { type: 'string', minLength: 1 } },
};

const hotSpotsQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['period', 'date'],
  properties: { period: periodProperties.period, date: periodProperties.date },
};
const parseHotSpots = queryValidator<{ period: PeriodKind; date: string }>(hotSpotsQuery);

type Query = Omit<EvaluationRequest, 'regionLevel' | 'subject'> & {
  subject: Exclude<Subject, StaffRole> | 'staff';
  role?: StaffRole;
  level: EvaluationRequest['regionLevel'];
};

/** The API names staff as one subject with a role; the indicators data keeps a subject per role. */
function requestOf({ subject, role, level, ...query }: Query): EvaluationRequest {
  if (subject !== 'staff') return { ...query, subject, regionLevel: level };
  if (!role) throw new Invalid('subject=staff needs a role: acceptor, shift-leader or dispatcher', { field: 'role' });
  return { ...query, subject: role };
}
const parseEvaluation = queryValidator<Query>(evaluationQuery);
const parseDrillDown = queryValidator<Query & { id: string; indicator: string }>(drillDownQuery);

/** Leaders, administrators and shift leaders see every row; a department sees only its own department's row. */
function viewer(res: Response, subject: string): { principal: Principal; ownDepartment: string | null } {
  const principal = requireRole(res, ...seesAll, ...departmentRoles);
  if (hasRole(principal, ...seesAll)) return { principal, ownDepartment: null };
  if (subject !== 'department' || !principal.departmentId) throw new Forbidden('a department sees only its own department evaluation');
  return { principal, ownDepartment: principal.departmentId };
}

export function evaluationRoutes(deps: { db: Database; calendar: WorkingCalendar; indicators?: IndicatorSet }): Router {
  const evaluationDeps = { db: deps.db, calendar: deps.calendar, indicators: deps.indicators ?? loadIndicatorSet() };
  const router = Router();

  router.get('/evaluation', async (req, res) => {
    const request = requestOf(parseEvaluation(req.query));
    const { ownDepartment } = viewer(res, request.subject);
    const result = await evaluate(evaluationDeps, request);
    res.json(ownDepartment === null ? result : { ...result, rows: result.rows.filter((row) => row.id === ownDepartment) });
  });

  router.get('/evaluation/indicators', (_req, res) => {
    requireRole(res, ...seesAll, ...departmentRoles);
    const { grades, sources, subjects: definitions } = evaluationDeps.indicators;
    res.json({
      grades,
      sources,
      subjects: Object.fromEntries(
        Object.entries(definitions).map(([subject, definition]) => [
          subject,
          {
            nameZh: definition.nameZh,
            indicators: definition.indicators.map(({ id, nameZh, nameEn, kind, definition: text, source }) => ({ id, nameZh, nameEn, kind, definition: text, source })),
            score: definition.score,
          },
        ]),
      ),
    });
  });

  router.get('/evaluation/drill-down', async (req, res) => {
    const { id, indicator, ...query } = parseDrillDown(req.query);
    const request = requestOf(query);
    const { ownDepartment } = viewer(res, request.subject);
    if (ownDepartment !== null && id !== ownDepartment) throw new Forbidden('a department sees only its own cases behind the figures');
    res.json(await drillDown(evaluationDeps, { ...request, id, indicator }));
  });

  router.get('/evaluation/hot-spots', async (req, res) => {
    // Grid counts span every department's cases, so only the roles that see every row may read them.
    requireRole(res, ...seesAll);
    res.json(await hotSpots(evaluationDeps, parseHotSpots(req.query)));
  });

  return router;
}

const access: Role[] = [...seesAll, ...departmentRoles];
export const evaluationOperations: Operation[] = [
  { method: 'get', path: '/evaluation', tag: 'evaluation', summary: 'Indicators, composite score, rank and grade of every department, collector, region or command-centre staff member (受理员/值班长/派遣员) in a period',
    access, query: evaluationQuery, responses: { 200: 'The rows, best first', 403: 'Not an evaluating role, or another department', 422: 'Bad subject, period or date' } },
  { method: 'get', path: '/evaluation/indicators', tag: 'evaluation', summary: 'The indicators of every subject (names, definitions, sources), the score weights and the grade bands, as the city configured them',
    access, responses: { 200: 'The indicator set', 403: 'Not an evaluating role' } },
  { method: 'get', path: '/evaluation/drill-down', tag: 'evaluation', summary: 'The cases behind one number of one row',
    access, query: drillDownQuery, responses: { 200: 'The cases (numerator and denominator for a rate)', 403: 'Another department', 404: 'Unknown indicator', 422: 'Bad query' } },
  { method: 'get', path: '/evaluation/hot-spots', tag: 'evaluation', summary: '高发网格: cases per unit grid in the period and the ones before it, with the jump alert of the indicators data',
    access: seesAll, query: hotSpotsQuery, responses: { 200: 'Grids, busiest first', 403: 'Not a leader, shift leader or administrator', 422: 'Bad period or date' } },
];
