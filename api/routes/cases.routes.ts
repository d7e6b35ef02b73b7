import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { WorkingCalendar } from '../../core/ports/calendar.ts';
import { assertCaseInScope } from '../../core/access/case-scope.ts';
import { performCaseAction, type CaseActionDeps } from '../../core/case/case-actions.ts';
import { listCases, type CaseFilter } from '../../core/case/case-query.ts';
import { caseView } from '../../core/case/case-view.ts';
import { caseDiagram } from '../../core/case/case-diagram.ts';
import type { CaseRecord } from '../../core/case/case-types.ts';
import { caseStatus, caseStatuses } from '../../core/case/statuses.ts';
import { submitReport, type SubmitReportDeps, type SubmittedReport } from '../../core/case/submit-report.ts';
import { coordinateSystems } from '../../core/grids/coordinates.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';

const sources = ['collector', 'hotline', 'citizen', 'wechat', 'video', 'iot', 'app'];
const statusIds = caseStatuses.map((status) => status.id);
const statusKinds = ['open', 'suspended', 'closed', 'voided'];

export const reportSchema = {
  type: 'object',
  required: ['source', 'classCode', 'description', 'location'],
  additionalProperties: false,
  properties: {
    source: { enum: sources },
    classScheme: { enum: ['gbt47678', 'legacy'], default: 'gbt47678' },
    classKind: { enum: ['component', 'event'] },
    classCode: { type: 'string', pattern: '^[0-9A-Za-z]{2,12}$' },
    description: { type: 'string', minLength: 1, maxLength: 2000 },
    location: {
      type: 'object',
      required: ['lng', 'lat'],
      additionalProperties: false,
      properties: {
        lng: { type: 'number', minimum: -180, maximum: 180 },
        lat: { type: 'number', minimum: -90, maximum: 90 },
        crs: { enum: [...coordinateSystems] },
      },
    },
    address: { type: 'string', maxLength: 300 },
    urgency: { enum: ['normal', 'urgent'] },
    attachmentIds: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', format: 'uuid' } },
    reporter: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', maxLength: 100 },
        phone: { type: 'string', pattern: '^[0-9+\\- ]{3,20}$' },
        callId: { type: 'string', maxLength: 100 },
        deviceId: { type: 'string', maxLength: 200 },
        externalId: { type: 'string', maxLength: 200 },
      },
    },
  },
};

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'array', items: { enum: statusIds } },
    statusKind: { type: 'array', items: { enum: statusKinds } },
    classCode: { type: 'string', maxLength: 12 },
    gridCode: { type: 'string', pattern: '^[0-9]{15}$' },
    street: { type: 'string', maxLength: 100 },
    departmentId: { type: 'string', maxLength: 64 },
    source: { enum: sources },
    overdue: { type: 'boolean' },
    supervised: { type: 'boolean' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    q: { type: 'string', maxLength: 100 },
    sort: { enum: ['reportedAt', '-reportedAt', 'deadline', '-deadline', 'caseNumber', '-caseNumber', 'updatedAt', '-updatedAt'] },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 20 },
  },
};

const actionBody = { type: 'object', maxProperties: 30 };

const parseReport = bodyValidator<SubmittedReport>(reportSchema);
const parseList = queryValidator<CaseFilter>(listQuery);
const parseActionBody = bodyValidator<Record<string, unknown>>(actionBody);

/** Repeated query keys arrive as arrays, single ones as strings; the list filters take both. */
function listFilter(query: Record<string, unknown>): CaseFilter {
  const normalised = { ...query };
  for (const key of ['status', 'statusKind']) {
    const value = normalised[key];
    if (typeof value === 'string') normalised[key] = value.split(',').filter(Boolean);
  }
  return parseList(normalised);
}

function caseSummary(current: CaseRecord) {
  const status = caseStatus(current.status);
  return { ...current, statusLabelZh: status.labelZh, statusLabelEn: status.labelEn };
}

const csvColumns: Array<[string, (c: CaseRecord) => unknown]> = [
  ['案卷编号', (c) => c.caseNumber],
  ['来源', (c) => c.source],
  ['类别编码', (c) => c.classCode],
  ['类别名称', (c) => c.className],
  ['状态', (c) => caseStatus(c.status).labelZh],
  ['问题描述', (c) => c.description],
  ['地址', (c) => c.address],
  ['单元网格', (c) => c.gridCode],
  ['街道', (c) => c.street],
  ['社区', (c) => c.community],
  ['处置部门', (c) => c.departmentId],
  ['处置时限', (c) => c.deadline],
  ['超期', (c) => (c.overdue ? '是' : '否')],
  ['上报时间', (c) => c.reportedAt],
  ['结案时间', (c) => c.closedAt],
];

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so spreadsheets do not run it as a formula. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export type CaseRoutesDeps = CaseActionDeps & SubmitReportDeps & { db: Database; clock: Clock; calendar: WorkingCalendar };

export function caseRoutes(deps: CaseRoutesDeps): Router {
  const router = Router();

  router.post('/cases', async (req, res) => {
    const principal = principalOf(res);
    const report = parseReport(req.body);
    const created = await submitReport(deps, principal, report);
    res.status(201).location(`/api/v1/cases/${created.id}`).json(caseSummary(created));
  });

  router.get('/cases', async (req, res) => {
    const principal = principalOf(res);
    const result = await listCases(deps.db, principal, listFilter(req.query as Record<string, unknown>));
    res.json({ ...result, items: result.items.map(caseSummary) });
  });

  router.get('/cases.csv', async (req, res) => {
    const principal = principalOf(res);
    const filter = { ...listFilter(req.query as Record<string, unknown>), page: 1, pageSize: 500 };
    const lines = [csvColumns.map(([title]) => title).join(',')];
    for (let page = 1; ; page++) {
      const { items, total } = await listCases(deps.db, principal, { ...filter, page });
      for (const item of items) lines.push(csvColumns.map(([, value]) => csvCell(value(item))).join(','));
      if (page * filter.pageSize >= total || items.length === 0) break;
    }
    // A byte-order mark so spreadsheet programs read the Chinese as UTF-8.
    res.type('text/csv; charset=utf-8').attachment('cases.csv').send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });

  router.get('/cases/:id', async (req, res) => {
    const principal = principalOf(res);
    await assertCaseInScope(deps.db, principal, req.params.id);
    res.json(await caseView(deps.db, deps, principal, req.params.id, deps.clock.now()));
  });

  router.get('/cases/:id/diagram', async (req, res) => {
    await assertCaseInScope(deps.db, principalOf(res), req.params.id);
    res.json(await caseDiagram(deps.db, req.params.id));
  });

  router.post('/cases/:id/actions/:action', async (req, res) => {
    const principal = principalOf(res);
    const body = parseActionBody(req.body);
    await performCaseAction(deps, principal, req.params.id, req.params.action, body);
    res.json(await caseView(deps.db, deps, principal, req.params.id, deps.clock.now()));
  });

  return router;
}

export const caseOperations: Operation[] = [
  { method: 'post', path: '/cases', tag: 'cases', summary: '上报 Report a problem from a channel; placed in its unit grid, its lifecycle started',
    access: ['acceptor', 'shift-leader', 'dispatcher', 'collector', 'citizen', 'admin'], body: reportSchema,
    responses: { 201: 'The case', 403: 'This caller may not report from this source', 422: 'Invalid input, unknown class, or outside every grid' } },
  { method: 'get', path: '/cases', tag: 'cases', summary: 'Cases in the caller\'s scope, filtered, sorted and paged', access: 'signed-in',
    query: listQuery, responses: { 200: '{ items, total, page, pageSize }' } },
  { method: 'get', path: '/cases.csv', tag: 'cases', summary: 'The same list as CSV (UTF-8 with BOM)', access: 'signed-in', query: listQuery,
    responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: { type: 'string' } } } },
  { method: 'get', path: '/cases/{id}', tag: 'cases',
    summary: 'A case with history, open tasks, remaining working time, duplicates, active BPMN elements and allowed actions',
    access: 'signed-in', responses: { 200: 'The case', 403: 'Outside your scope', 404: 'Unknown case' } },
  { method: 'get', path: '/cases/{id}/diagram', tag: 'cases',
    summary: 'The BPMN diagram version the case runs on (its XML), for showing where it stands: GET /cases/{id} gives activeElementIds and completedElementIds',
    access: 'signed-in', responses: { 200: '{ processId, version, xml }', 403: 'Outside your scope', 404: 'Unknown case, or no process instance' } },
  { method: 'post', path: '/cases/{id}/actions/{action}', tag: 'cases',
    summary: 'confirm, register, reject, merge, dispatch, handle, request-return, request-extension, request-suspension, resume, request-void, approve, verify, close, supervise, urge',
    access: 'signed-in', body: actionBody,
    responses: { 200: 'The case after the action', 403: 'Wrong role', 404: 'Unknown case or action', 409: 'Wrong state: names the status and the allowed actions', 422: 'Invalid body' } },
];
