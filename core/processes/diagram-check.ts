import { Invalid } from '../errors.ts';
import { lintDiagram, type LintFinding, type LintReport } from '../../workflows/lint/lint-diagram.ts';
import { readDiagramStructure } from './diagram-structure.ts';

export interface DiagramReport extends LintReport {
  /** Task types the diagram names that no registered worker handles: their jobs would wait forever. */
  unknownTaskTypes: string[];
}

/**
 * Everything a deployment would refuse, as findings with element ids the modeler can mark: bpmnlint with the
 * Camunda 8 rules, more or fewer than one executable process, and task types without a worker.
 */
export async function checkDiagram(xml: string, workerTypes: readonly string[]): Promise<DiagramReport> {
  const lint = await lintDiagram(xml);
  const report: DiagramReport = { ...lint, unknownTaskTypes: [] };
  if (lint.errors.some((finding) => finding.rule === 'xml')) return report;
  let structure;
  try {
    structure = await readDiagramStructure(xml);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    report.errors.push({ rule: 'one-executable-process', elementId: null, message: error.message });
    return report;
  }
  const registered = new Set(workerTypes);
  const unworked = structure.elements.filter((element) => element.taskType !== null && !registered.has(element.taskType));
  report.errors.push(
    ...unworked.map((element): LintFinding => ({
      rule: 'registered-task-type',
      elementId: element.id,
      message: `task type ${element.taskType} has no registered worker`,
    })),
  );
  report.unknownTaskTypes = [...new Set(unworked.map((element) => element.taskType as string))].sort();
  return report;
}
