import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
// bpmnlint and its node resolver are CommonJS without typings for these entry points.
const { Linter } = require('bpmnlint') as { Linter: new (options: object) => { lint(root: unknown): Promise<LintResults> } };
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new () => object;
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

type LintResults = Record<string, Array<{ id?: string; message: string; category: string }>>;

export interface LintFinding {
  rule: string;
  /** The BPMN element id the finding is about, when there is one. */
  elementId: string | null;
  message: string;
}

export interface LintReport {
  errors: LintFinding[];
  warnings: LintFinding[];
}

/** Camunda 8.6 compatibility on top of bpmnlint's recommended rules: what a Zeebe cluster would accept. */
export const lintConfig = {
  extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-6'],
};

/**
 * Lints a BPMN diagram as Zeebe would see it. XML that does not parse is reported as one error. A new Linter per
 * diagram: a reused one reports false no-duplicate-sequence-flows errors (engine-notes.md).
 */
export async function lintDiagram(xml: string): Promise<LintReport> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let rootElement: unknown;
  try {
    const parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
    rootElement = parsed.rootElement;
    const parseErrors = parsed.warnings.filter((w) => /unparsable|unresolved reference/i.test(w.message));
    if (parseErrors.length > 0) {
      return { errors: parseErrors.map((w) => ({ rule: 'xml', elementId: null, message: w.message })), warnings: [] };
    }
  } catch (error) {
    return { errors: [{ rule: 'xml', elementId: null, message: (error as Error).message }], warnings: [] };
  }
  const linter = new Linter({ config: lintConfig, resolver: new NodeResolver() });
  const results = await linter.lint(rootElement);
  const report: LintReport = { errors: [], warnings: [] };
  for (const [rule, findings] of Object.entries(results)) {
    for (const finding of findings) {
      const entry = { rule, elementId: finding.id ?? null, message: finding.message };
      if (finding.category === 'error' || finding.category === 'rule-error') report.errors.push(entry);
      else if (finding.category === 'warn') report.warnings.push(entry);
    }
  }
  return report;
}
