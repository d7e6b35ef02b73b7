import { Router } from 'express';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import type { Role } from '../../core/identity/roles.ts';
import type { StatusKind } from '../../core/case/statuses.ts';
import { caseCountsByGrid, casePoints, type CaseMapFilter } from '../../core/dashboard/case-map.ts';
import { likelyDuplicates } from '../../core/case/case-query.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { queryValidator } from '../http/validate.ts';

// The staff who have the map screen; each still sees only the cases in its scope.
const access: Role[] = ['admin', 'acceptor', 'shift-leader', 'dispatcher', 'department', 'department-head', 'collector', 'leader', 'reviewer'];
const pointLimit = 5_000;

const mapQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    statusKind: { enum: ['open', 'suspended', 'closed', 'voided'], description: 'Default: open and suspended cases' },
    days: { type: 'integer', minimum: 1, maximum: 366, description: 'Only cases reported in the last so many days' },
  },
};
const parseMapQuery = queryValidator<{ statusKind?: StatusKind; days?: number }>(mapQuery);

// Who takes reports in and sees every case, so the nearby cases shown before submitting hide nothing from them.
const intakeRoles: Role[] = ['admin', 'acceptor', 'shift-leader', 'dispatcher'];
const nearbyQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['classCode', 'lng', 'lat'],
  properties: {
    classScheme: { enum: ['gbt47678', 'legacy'], default: 'gbt47678' },
    classCode: { type: 'string', pattern: '^[0-9A-Za-z]{2,12}$' },
    lng: { type: 'number', minimum: -180, maximum: 180, description: 'WGS-84' },
    lat: { type: 'number', minimum: -90, maximum: 90, description: 'WGS-84' },
  },
};
const parseNearbyQuery = queryValidator<{ classScheme: string; classCode: string; lng: number; lat: number }>(nearbyQuery);

export function caseMapRoutes(deps: { db: Database; clock: Clock }): Router {
  const router = Router();
  const filterOf = (query: unknown): CaseMapFilter => {
    const { statusKind, days } = parseMapQuery(query);
    return {
      ...(statusKind ? { statusKinds: [statusKind] } : {}),
      ...(days ? { since: new Date(deps.clock.now().getTime() - days * 86_400_000) } : {}),
    };
  };

  router.get('/map/cases', async (req, res) => {
    const principal = requireRole(res, ...access);
    res.type('application/geo+json').send(JSON.stringify(await casePoints(deps.db, principal, filterOf(req.query), pointLimit)));
  });

  router.get('/map/grid-counts', async (req, res) => {
    const principal = requireRole(res, ...access);
    res.json({ items: await caseCountsByGrid(deps.db, principal, filterOf(req.query)) });
  });

  router.get('/map/likely-duplicates', async (req, res) => {
    requireRole(res, ...intakeRoles);
    const probe = parseNearbyQuery(req.query);
    res.json({ items: await likelyDuplicates(deps.db, { ...probe, reportedAt: deps.clock.now().toISOString() }) });
  });

  return router;
}

export const caseMapOperations: Operation[] = [
  { method: 'get', path: '/map/cases', tag: 'cases', summary: `The caller's cases as GeoJSON points (WGS-84), newest first, at most ${pointLimit}`,
    access, query: mapQuery,
    responses: { 200: { description: 'A FeatureCollection; `truncated` says more matched', contentType: 'application/geo+json', schema: { type: 'object' } },
      403: 'Not a staff role', 422: 'Bad status kind or days' } },
  { method: 'get', path: '/map/grid-counts', tag: 'cases', summary: "How many of the caller's cases lie in each unit grid (the map's heat layer)",
    access, query: mapQuery, responses: { 200: '{ items: [{ gridCode, cases }] }, most cases first', 403: 'Not a staff role', 422: 'Bad status kind or days' } },
  { method: 'get', path: '/map/likely-duplicates', tag: 'cases', summary: 'Before a report is submitted: open cases of the same class reported nearby lately, nearest first',
    access: intakeRoles, query: nearbyQuery,
    responses: { 200: '{ items: [{ id, caseNumber, status, distanceMetres, reportedAt }] }', 403: 'Not an intake role', 422: 'Bad class code or location' } },
];
