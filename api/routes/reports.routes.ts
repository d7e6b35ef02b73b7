import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import type { WorkingCalendar } from '../../core/ports/calendar.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { PdfRenderer } from '../../core/ports/pdf-renderer.ts';
import type { Role } from '../../core/identity/roles.ts';
import { NotFound } from '../../core/errors.ts';
import { loadIndicatorSet, type IndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { generateReport, listReports, reportHtml, reportKinds, reportPdf, type ReportKind } from '../../core/reports/report-archive.ts';
import { reportCsp } from '../../core/reports/render-report.ts';
import { chromiumPdfRenderer } from '../../core/reports/chromium-pdf-renderer.ts';
import { requireRole } from '../auth/authenticate.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';
import type { Operation } from '../http/openapi.ts';

const readers: Role[] = ['leader', 'shift-leader', 'admin', 'dispatcher'];
const generators: Role[] = ['leader', 'shift-leader', 'admin'];

const newReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'date'],
  properties: {
    kind: { enum: [...reportKinds] },
    date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'The Beijing date the report is issued on (a morning report covers the day before)' },
  },
};
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { kind: { enum: [...reportKinds] }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
};
const parseNewReport = bodyValidator<{ kind: ReportKind; date: string }>(newReportSchema);
const parseList = queryValidator<{ kind?: ReportKind; limit: number }>(listQuery);

/** Report ids are bigints; anything else is simply not a report (rather than a database cast error). */
function reportId(raw: string | undefined): string {
  if (!raw || !/^[0-9]{1,18}$/.test(raw)) throw new NotFound(`no report ${raw ?? ''}`);
  return raw;
}

export function reportRoutes(deps: { db: Database; calendar: WorkingCalendar; clock: Clock; indicators?: IndicatorSet; pdf?: PdfRenderer }): Router {
  const reportDeps = { db: deps.db, calendar: deps.calendar, clock: deps.clock, indicators: deps.indicators ?? loadIndicatorSet() };
  const pdf = deps.pdf ?? chromiumPdfRenderer();
  const router = Router();

  router.get('/reports', async (req, res) => {
    requireRole(res, ...readers);
    res.json({ items: await listReports(deps.db, parseList(req.query)) });
  });

  router.post('/reports', async (req, res) => {
    const principal = requireRole(res, ...generators);
    const body = parseNewReport(req.body);
    const { report, created } = await generateReport(reportDeps, { ...body, generatedBy: principal.kind === 'user' ? principal.id : null });
    res.status(created ? 201 : 200).json(report);
  });

  router.get('/reports/:id.html', async (req, res) => {
    requireRole(res, ...readers);
    const html = await reportHtml(deps.db, reportId(req.params.id));
    // Names in a report were typed by users: even if something slipped past escaping, no script runs.
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': reportCsp });
    res.send(html);
  });

  router.get('/reports/:id.pdf', async (req, res) => {
    requireRole(res, ...readers);
    const bytes = await reportPdf(deps.db, pdf, reportId(req.params.id));
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="report-${req.params.id}.pdf"` });
    res.send(Buffer.from(bytes));
  });

  return router;
}

const archived = 'The archived report: id, kind, date, period, generated at and by, whether its PDF is printed';
export const reportsOperations: Operation[] = [
  { method: 'get', path: '/reports', tag: 'reports', summary: 'Archived reports, newest period first', access: readers, query: listQuery,
    responses: { 200: 'The reports', 403: 'Not a role that reads reports', 422: 'Bad kind or limit' } },
  { method: 'post', path: '/reports', tag: 'reports', summary: 'Generate and archive a report on demand; an archived kind and period is returned as it was issued',
    access: generators, body: newReportSchema,
    responses: { 201: archived, 200: `Already archived for that period. ${archived}`, 403: 'Not a leader, shift leader or administrator', 422: 'Bad kind or date' } },
  { method: 'get', path: '/reports/{id}.html', tag: 'reports', summary: 'The report as HTML (escaped, charts as inline SVG, no scripts)', access: readers,
    responses: { 200: { description: 'The report', contentType: 'text/html' }, 403: 'Not a role that reads reports', 404: 'No such report' } },
  { method: 'get', path: '/reports/{id}.pdf', tag: 'reports', summary: 'The report printed to A4 PDF (printed once, then kept)', access: readers,
    responses: { 200: { description: 'The PDF', contentType: 'application/pdf' }, 403: 'Not a role that reads reports', 404: 'No such report', 503: 'The PDF renderer (Chromium) is not available' } },
];
