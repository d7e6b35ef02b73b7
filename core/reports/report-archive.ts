import type { Database, Sql } from '../ports/database.ts';
import type { Clock } from '../ports/clock.ts';
import type { PdfRenderer } from '../ports/pdf-renderer.ts';
import { Invalid, NotFound } from '../errors.ts';
import type { EvaluationDeps } from '../evaluation/evaluate.ts';
import { periodBefore, type Period } from '../evaluation/period.ts';
import { morningReport } from './morning-report.ts';
import { periodReport, periodReportCovers } from './period-report.ts';
import { renderMorningReport, renderPeriodReport } from './render-report.ts';

export const reportKinds = ['morning', 'weekly', 'monthly'] as const;
export type ReportKind = (typeof reportKinds)[number];

interface ReportBuilder {
  /** The period a report issued on `date` covers. */
  covers(date: string): Period;
  html(deps: EvaluationDeps, date: string): Promise<string>;
}

const builders: Record<ReportKind, ReportBuilder> = {
  morning: { covers: (date) => periodBefore('day', date), html: async (deps, date) => renderMorningReport(await morningReport(deps, date)) },
  weekly: { covers: (date) => periodReportCovers('weekly', date), html: async (deps, date) => renderPeriodReport(await periodReport(deps, 'weekly', date)) },
  monthly: { covers: (date) => periodReportCovers('monthly', date), html: async (deps, date) => renderPeriodReport(await periodReport(deps, 'monthly', date)) },
};

export interface ArchivedReport {
  id: string;
  kind: ReportKind;
  date: string;
  period: { from: string; to: string };
  generatedAt: string;
  generatedBy: number | null;
  hasPdf: boolean;
}

export interface ReportDeps extends EvaluationDeps {
  db: Database;
  clock: Clock;
}

interface ReportRow {
  id: string;
  kind: ReportKind;
  report_date: string | Date;
  period_from: Date;
  period_to: Date;
  generated_at: Date;
  generated_by: string | number | null;
  has_pdf: boolean;
}

const columns = `id::text, kind, report_date::text AS report_date, period_from, period_to, generated_at, generated_by, pdf IS NOT NULL AS has_pdf`;

function toArchived(row: ReportRow): ArchivedReport {
  return {
    id: row.id,
    kind: row.kind,
    date: String(row.report_date).slice(0, 10),
    period: { from: new Date(row.period_from).toISOString(), to: new Date(row.period_to).toISOString() },
    generatedAt: new Date(row.generated_at).toISOString(),
    generatedBy: row.generated_by === null ? null : Number(row.generated_by),
    hasPdf: row.has_pdf,
  };
}

async function archivedFor(sql: Sql, kind: ReportKind, periodFrom: string): Promise<ArchivedReport | undefined> {
  const { rows } = await sql.query<ReportRow>(`SELECT ${columns} FROM report WHERE kind = $1 AND period_from = $2`, [kind, periodFrom]);
  return rows[0] && toArchived(rows[0]);
}

/**
 * The report of `kind` for `date`, generated and archived unless that period is archived already, in which
 * case the archived one is returned (`created: false`): a report is a record of what was issued, so asking again
 * must not silently replace it. The insert is one statement on the unique key, so two processes racing for the
 * same period archive one report.
 */
export async function generateReport(
  deps: ReportDeps,
  request: { kind: ReportKind; date: string; generatedBy: number | null },
): Promise<{ report: ArchivedReport; created: boolean }> {
  const builder = reportKinds.includes(request.kind) ? builders[request.kind] : undefined;
  if (!builder) throw new Invalid(`unknown report kind "${request.kind}"`, { field: 'kind' });
  const period = builder.covers(request.date);
  // Checked before computing: the schedule asks every round, and an archived period costs one indexed read.
  const existing = await archivedFor(deps.db, request.kind, period.from.toISOString());
  if (existing) return { report: existing, created: false };
  const html = await builder.html(deps, request.date);
  const { rows } = await deps.db.query<ReportRow>(
    `INSERT INTO report (kind, report_date, period_from, period_to, generated_at, generated_by, html)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kind, period_from) DO NOTHING RETURNING ${columns}`,
    [request.kind, request.date, period.from, period.to, deps.clock.now(), request.generatedBy, html],
  );
  if (rows[0]) return { report: toArchived(rows[0]), created: true };
  const raced = await archivedFor(deps.db, request.kind, period.from.toISOString());
  if (!raced) throw new Error(`report ${request.kind} ${period.from.toISOString()} neither inserted nor found`);
  return { report: raced, created: false };
}

export async function listReports(db: Sql, filter: { kind?: ReportKind; limit: number }): Promise<ArchivedReport[]> {
  const { rows } = await db.query<ReportRow>(
    `SELECT ${columns} FROM report WHERE ($1::text IS NULL OR kind = $1) ORDER BY period_from DESC, kind LIMIT $2`,
    [filter.kind ?? null, filter.limit],
  );
  return rows.map(toArchived);
}

export async function reportHtml(db: Sql, id: string): Promise<string> {
  const { rows } = await db.query<{ html: string }>('SELECT html FROM report WHERE id = $1::bigint', [id]);
  if (!rows[0]) throw new NotFound(`no report ${id}`);
  return rows[0].html;
}

/** The report printed to PDF; printed on the first request and kept, so every later copy is the same document. */
export async function reportPdf(db: Database, pdf: PdfRenderer, id: string): Promise<Uint8Array> {
  // Bytes travel as base64 text: both database drivers take and give strings alike, unlike their bytea types.
  const { rows } = await db.query<{ html: string; pdf: string | null }>(
    "SELECT html, encode(pdf, 'base64') AS pdf FROM report WHERE id = $1::bigint",
    [id],
  );
  const row = rows[0];
  if (!row) throw new NotFound(`no report ${id}`);
  if (row.pdf !== null) return new Uint8Array(Buffer.from(row.pdf, 'base64'));
  const printed = await pdf.render(row.html);
  await db.query("UPDATE report SET pdf = decode($2, 'base64') WHERE id = $1::bigint AND pdf IS NULL", [id, Buffer.from(printed).toString('base64')]);
  return printed;
}
