import type { EvaluationDeps, EvaluationRow, DrillDownCase } from '../evaluation/evaluate.ts';
import { evaluateWithCases } from '../evaluation/evaluate.ts';
import { dateBefore, periodOf } from '../evaluation/period.ts';
import { supervisedCases, type SupervisedCase } from './supervised-cases.ts';

/** The department columns a morning report shows, in order; names come from the indicators data. */
const columns = ['toHandle', 'handled', 'handledOnTime', 'handledLate', 'overduePending', 'closed', 'returned'] as const;

export interface MorningReport {
  kind: 'morning';
  /** The Beijing date the report is issued on; its figures are those of the day before. */
  date: string;
  period: { from: string; to: string };
  columns: { id: string; nameZh: string }[];
  departments: { id: string; name: string; values: number[] }[];
  totals: number[];
  overdueCases: (DrillDownCase & { department: string })[];
  /** 督办: cases supervised and still pending at yesterday's end. */
  supervisedCases: SupervisedCase[];
}


const countOf = (row: EvaluationRow, id: string) => row.indicators[id] ?? 0;

/**
 * 晨报: yesterday's department figures and the cases left overdue at yesterday's end, all taken from the
 * evaluation (its counts and its drill-down), so a report can never disagree with the rankings; and the cases
 * under supervision (督办) at yesterday's end.
 */
export async function morningReport(deps: EvaluationDeps, date: string): Promise<MorningReport> {
  const yesterday = dateBefore(periodOf('day', date).from);
  const { evaluation, casesBehind: overdueByDepartment } = await evaluateWithCases(deps, { subject: 'department', period: 'day', date: yesterday }, 'overduePending');
  const definitions = deps.indicators.subjects.department.indicators;
  const departments = evaluation.rows.map((row) => ({ id: row.id, name: row.name, values: columns.map((id) => countOf(row, id)) }));
  const overdueCases = evaluation.rows.flatMap((row) => (overdueByDepartment.get(row.id) ?? []).map((c) => ({ ...c, department: row.name })));
  return {
    kind: 'morning',
    date,
    period: evaluation.period,
    columns: columns.map((id) => ({ id, nameZh: definitions.find((d) => d.id === id)?.nameZh ?? id })),
    departments,
    totals: columns.map((_, i) => departments.reduce((sum, d) => sum + (d.values[i] ?? 0), 0)),
    overdueCases,
    supervisedCases: await supervisedCases(deps.db, new Date(evaluation.period.to)),
  };
}
