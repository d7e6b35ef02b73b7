import { parseArgs } from 'node:util';
import { loadWorkingCalendar } from '../../core/calendar/load-calendar.ts';
import { evaluate, sharingReplays, type EvaluationDeps, type EvaluationRequest } from '../../core/evaluation/evaluate.ts';
import { migrate } from '../../core/store/migrate.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { beijingDateOf, dateBefore, periodOf } from '../../core/evaluation/period.ts';
import { chromiumPdfRenderer } from '../../core/reports/chromium-pdf-renderer.ts';
import { periodReport } from '../../core/reports/period-report.ts';
import { renderPeriodReport } from '../../core/reports/render-report.ts';
import { emit, progress, round } from '../figures.ts';
import { seedCity, target } from '../api/target.ts';

/**
 * `npm run bench:evaluation`: the monthly evaluation of every subject over a city's archive (issue 6: 1,000,000
 * cases and 200 departments on the PostgreSQL server, target under 2 s), then the monthly report made from it and
 * printed to PDF. The archive is bulk-inserted as for the API benchmark (bench/api/seed-cases.ts); the month is the
 * last whole one, which holds the recent open cases and a share of the closed ones.
 */

const usage = `npm run bench:evaluation -- [options]   one JSON line per figure on stdout, progress on stderr

  --server URL          PostgreSQL server (default: $DATABASE_URL); without one, PGlite with --pglite-cases
  --cases N             cases on the server (default 1000000)
  --pglite-cases N      cases on PGlite (default 100000)
  --reuse-schema NAME   a schema an earlier run seeded (kept afterwards)
  --keep                keep the seeded schema (its name is printed) for --reuse-schema`;

const { values } = parseArgs({
  options: {
    server: { type: 'string' },
    cases: { type: 'string' },
    'pglite-cases': { type: 'string' },
    'reuse-schema': { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: round(performance.now() - started) };
}

async function main(): Promise<void> {
  if (values.help) return void process.stdout.write(`${usage}\n`);
  const serverUrl = values.server ?? (process.env.DATABASE_URL || undefined);
  const kind = serverUrl ? 'postgres' : 'pglite';
  const cases = Number(serverUrl ? (values.cases ?? 1_000_000) : (values['pglite-cases'] ?? 100_000));
  if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases must be a positive integer');
  const schema = values['reuse-schema'] ?? (values.keep ? `bench_eval_${Date.now()}` : undefined);
  const where = await target(kind, serverUrl, schema);
  const db = await where.open();
  try {
    if (!values['reuse-schema']) await seedCity(db, cases, 'bench-password');
    else {
      const migrated = await timed(() => migrate(db));
      progress(`migrated the reused schema in ${migrated.ms} ms: ${migrated.value.join(', ') || 'nothing to apply'}`);
    }
    if (values.keep) progress(`kept schema ${schema}`);
    const deps: EvaluationDeps = { db, calendar: loadWorkingCalendar(), indicators: loadIndicatorSet() };
    const lastMonth = dateBefore(periodOf('month', beijingDateOf(new Date())).from);
    const context = { cases, month: lastMonth.slice(0, 7) };
    const requests: [string, EvaluationRequest][] = [
      ['department', { subject: 'department', period: 'month', date: lastMonth }],
      ['collector', { subject: 'collector', period: 'month', date: lastMonth }],
      ['region_grid', { subject: 'region', regionLevel: 'grid', period: 'month', date: lastMonth }],
      ['region_street', { subject: 'region', regionLevel: 'street', period: 'month', date: lastMonth }],
    ];
    // One warm-up so the figures are of a running platform, not of a cold cache.
    await evaluate(deps, requests[0]![1]);
    for (const [name, request] of requests) {
      const { value, ms } = await timed(() => evaluate(deps, request));
      emit({ bench: `evaluation_month_${name}_ms`, database: kind, value: ms, unit: 'ms', rows: value.rows.length, ...context });
    }
    // All subjects of the month as a report or the published ranking makes them: one replay of the history.
    const shared = sharingReplays(deps);
    const all = await timed(() => Promise.all(requests.map(([, request]) => evaluate(shared, request))));
    emit({ bench: 'evaluation_month_all_subjects_ms', database: kind, value: all.ms, unit: 'ms', target: 2000, ...context });

    const html = await timed(async () => renderPeriodReport(await periodReport(deps, 'monthly', beijingDateOf(new Date()))));
    emit({ bench: 'monthly_report_html_ms', database: kind, value: html.ms, unit: 'ms', bytes: html.value.length, ...context });
    const pdf = await timed(() => chromiumPdfRenderer().render(html.value));
    emit({ bench: 'monthly_report_pdf_ms', database: kind, value: pdf.ms, unit: 'ms', bytes: pdf.value.length, ...context });
  } finally {
    await db.close();
    if (!values.keep && !values['reuse-schema']) await where.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
