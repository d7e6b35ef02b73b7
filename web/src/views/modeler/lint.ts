import { Linter } from 'bpmnlint';
import { config, resolver } from 'virtual:bpmnlint-config';

export interface LintFinding {
  rule: string;
  elementId: string | null;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * The same rules as the server's `lintDiagram` (bpmnlint recommended + Camunda 8.6 compatibility), bundled.
 * A new Linter per run: a reused one reports false duplicate-sequence-flow errors (engine-notes.md).
 */
export async function lintDefinitions(definitions: unknown): Promise<LintFinding[]> {
  const results = await new Linter({ config, resolver }).lint(definitions);
  const findings: LintFinding[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (report.category === 'info') continue;
      const severity = report.category === 'warn' ? 'warning' : 'error';
      findings.push({ rule, elementId: report.id ?? null, message: report.message, severity });
    }
  }
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
