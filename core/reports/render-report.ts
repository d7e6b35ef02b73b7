import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { rawOutputs, templatesDir } from '../documents/notice-templates.ts';
import type { MorningReport } from './morning-report.ts';
import { barChartSvg } from './report-chart.ts';

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

let morningTemplate: HandlebarsTemplateDelegate | undefined;

/** Content-Security-Policy for a served report: no scripts or remote loads, inline styles and SVG only. */
export const reportCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderMorningReport(report: MorningReport): string {
  morningTemplate ??= compile('morning');
  const handledColumn = report.columns.findIndex((c) => c.id === 'handled');
  const chart = barChartSvg(
    `${report.columns[handledColumn]?.nameZh ?? ''}`,
    report.departments.map((d) => d.name),
    report.departments.map((d) => d.values[handledColumn] ?? 0),
  );
  return morningTemplate({ ...report, day: report.period.from, chart: new Handlebars.SafeString(chart) });
}
