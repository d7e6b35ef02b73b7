import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { rawOutputs, templatesDir } from '../documents/notice-templates.ts';
import type { MorningReport } from './morning-report.ts';
import type { PeriodReport, Ranking } from './period-report.ts';
import { barChartSvg, lineChartSvg } from './report-chart.ts';
import { beijingDateOf, dateBefore } from '../evaluation/period.ts';

const reportTemplatesDir = path.join(templatesDir, 'reports');

function compile(name: string): HandlebarsTemplateDelegate {
  const file = path.join(reportTemplatesDir, `${name}.hbs`);
  const source = readFileSync(file, 'utf8');
  // Reports print department and case names typed by users; only the server-drawn chart may bypass escaping,
  // and it does so as a SafeString in the view, never through {{{…}}} in a template.
  const raw = rawOutputs(source);
  if (raw.length > 0) throw new Error(`${file}: unescaped output at ${raw.join(', ')}`);
  return Handlebars.create().compile(source, { strict: true });
}

const templates = new Map<string, HandlebarsTemplateDelegate>();
function template(name: string): HandlebarsTemplateDelegate {
  const found = templates.get(name) ?? compile(name);
  templates.set(name, found);
  return found;
}

/** Content-Security-Policy for a served report: no scripts or remote loads, inline styles and SVG only. */
export const reportCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderMorningReport(report: MorningReport): string {
  const handledColumn = report.columns.findIndex((c) => c.id === 'handled');
  const chart = barChartSvg(
    `${report.columns[handledColumn]?.nameZh ?? ''}`,
    report.departments.map((d) => d.name),
    report.departments.map((d) => d.values[handledColumn] ?? 0),
  );
  return template('morning')({ ...report, day: report.period.from, chart: new Handlebars.SafeString(chart) });
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

function rankingView(ranking: Ranking) {
  return {
    columns: ranking.columns,
    rows: ranking.rows.map((row) => ({
      ...row,
      rank: row.rank ?? '—',
      score: row.score === null ? '—' : row.score.toFixed(2),
      grade: row.grade ?? '—',
      values: row.values.map((value, i) => (ranking.columns[i]?.kind === 'rate' ? percent(value) : String(value ?? 0))),
    })),
  };
}

const titles = { weekly: { title: '数字化城市管理周报', periodName: '本周' }, monthly: { title: '数字化城市管理月报', periodName: '本月' } };

/** 周报 / 月报 as one HTML document: rates as percentages, the score chart and the trend drawn as inline SVG. */
export function renderPeriodReport(report: PeriodReport): string {
  const scored = report.departments.rows.filter((row) => row.score !== null);
  const scoreChart = barChartSvg('部门综合指标值', scored.map((row) => row.name), scored.map((row) => row.score ?? 0));
  const trendChart = lineChartSvg('问题发生数趋势', report.trend.labels, report.trend.occurred);
  const totals = report.totalColumns.map((column, i) => {
    const current = report.totals.current[i] ?? 0;
    const previous = report.totals.previous[i] ?? 0;
    return { ...column, current, previous, change: previous === 0 ? '—' : `${current >= previous ? '+' : ''}${(((current - previous) / previous) * 100).toFixed(1)}%` };
  });
  return template('period')({
    ...report,
    ...titles[report.kind],
    firstDay: beijingDateOf(new Date(report.period.from)),
    lastDay: dateBefore(new Date(report.period.to)),
    totals,
    departments: rankingView(report.departments),
    streets: rankingView(report.streets),
    hotGrids: report.hotGrids.map((grid) => ({ ...grid, count: grid.counts[grid.counts.length - 1] ?? 0, previousMean: grid.previousMean.toFixed(1) })),
    scoreChart: new Handlebars.SafeString(scoreChart),
    trendChart: new Handlebars.SafeString(trendChart),
  });
}
