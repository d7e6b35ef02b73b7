import type { EvaluationDeps, EvaluationRow, IndicatorValue } from '../evaluation/evaluate.ts';
import { evaluate, evaluateWithCases, sharingReplays, type DrillDownCase } from '../evaluation/evaluate.ts';
import { hotSpots, type HotSpot } from '../evaluation/hot-spots.ts';
import type { Subject } from '../evaluation/indicator-definitions.ts';
import { beijingDateOf, dateBefore, periodBefore, type Period } from '../evaluation/period.ts';

export type PeriodReportKind = 'weekly' | 'monthly';
const periodKindOf = { weekly: 'week', monthly: 'month' } as const;

/** What a weekly (monthly) report issued on `date` covers: the whole week (month) before the one of `date`. */
export function periodReportCovers(kind: PeriodReportKind, date: string): Period {
  return periodBefore(periodKindOf[kind], date);
}

const departmentColumns = ['toHandle', 'handled', 'onTimeHandlingRate', 'reworkRate', 'overduePending', 'closureRate'] as const;
const regionColumns = ['occurred', 'registered', 'closed', 'closureRate', 'onTimeClosureRate'] as const;
const listed = 10;

export interface RankedRow {
  rank: number | null;
  id: string;
  name: string;
  score: number | null;
  grade: string | null;
  values: IndicatorValue[];
}

export interface Ranking {
  columns: { id: string; nameZh: string; kind: 'count' | 'union' | 'rate' }[];
  rows: RankedRow[];
}

export interface OverdueCase {
  id: string;
  caseNumber: string;
  className: string;
  department: string;
  deadline: string;
  /** Working hours past the deadline at the period end. */
  overdueHours: number;
}

export interface PeriodReport {
  kind: PeriodReportKind;
  /** The Beijing date the report is issued on. */
  date: string;
  period: { kind: 'week' | 'month'; from: string; to: string };
  /** Department totals of this period and of the one before (环比), in `totalColumns` order. */
  totalColumns: { id: string; nameZh: string }[];
  totals: { current: number[]; previous: number[] };
  departments: Ranking;
  /** Streets, ranked like departments. */
  streets: Ranking;
  /** 问题发生数 of this period and the ones before it, oldest first, labelled by each period's first day. */
  trend: { labels: string[]; occurred: number[] };
  hotGrids: HotSpot[];
  hotClasses: { classCode: string; className: string; count: number }[];
  /** 超期最久: the cases pending longest past their deadline at the period end. */
  worstOverdue: OverdueCase[];
}

const totalColumns = ['toHandle', 'handled', 'handledOnTime', 'closed', 'overduePending'] as const;

function ranking(deps: EvaluationDeps, subject: Subject, ids: readonly string[], rows: EvaluationRow[]): Ranking {
  const definitions = deps.indicators.subjects[subject].indicators;
  return {
    columns: ids.map((id) => {
      const definition = definitions.find((d) => d.id === id);
      return { id, nameZh: definition?.nameZh ?? id, kind: definition?.kind ?? 'count' };
    }),
    rows: rows.map((row) => ({ rank: row.rank, id: row.id, name: row.name, score: row.score, grade: row.grade, values: ids.map((id) => row.indicators[id] ?? null) })),
  };
}

const sumOf = (rows: EvaluationRow[], id: string) => rows.reduce((sum, row) => sum + (row.indicators[id] ?? 0), 0);

async function hotClasses(deps: EvaluationDeps, period: Period): Promise<PeriodReport['hotClasses']> {
  // 发生数 by class counts the cases reported in the period, as the region indicator `occurred` does.
  const { rows } = await deps.db.query<{ class_code: string; class_name: string; count: number }>(
    `SELECT class_code, min(class_name) AS class_name, count(*)::int AS count FROM "case"
     WHERE reported_at >= $1 AND reported_at < $2 GROUP BY class_code ORDER BY count DESC, class_code LIMIT $3`,
    [period.from, period.to, listed],
  );
  return rows.map((row) => ({ classCode: row.class_code, className: row.class_name, count: row.count }));
}

/**
 * The cases left overdue at the period end (the evaluation's drill-down, so the report agrees with the rankings),
 * longest past the deadline they had then first: an extension granted later does not shorten a printed delay.
 */
async function worstOverdue(deps: EvaluationDeps, period: Period, departments: EvaluationRow[], overdue: Map<string, DrillDownCase[]>): Promise<OverdueCase[]> {
  const cases = departments.flatMap((row) => (overdue.get(row.id) ?? []).map((c) => ({ ...c, department: row.name })));
  if (cases.length === 0) return [];
  const { rows } = await deps.db.query<{ case_id: string; deadline: Date }>(
    `SELECT DISTINCT ON (case_id) case_id, (data->>'deadline')::timestamptz AS deadline FROM case_event
     WHERE case_id = ANY($1::text[]) AND at < $2 AND data ? 'deadline' ORDER BY case_id, at DESC, id DESC`,
    [cases.map((c) => c.id), period.to],
  );
  const deadlines = new Map(rows.map((row) => [row.case_id, new Date(row.deadline)]));
  return cases
    .flatMap((c) => {
      const deadline = deadlines.get(c.id);
      if (!deadline) return [];
      const overdueMs = deps.calendar.workingTimeBetween(deadline, period.to).milliseconds;
      return [{ id: c.id, caseNumber: c.caseNumber, className: c.className, department: c.department, deadline: deadline.toISOString(), overdueHours: Math.round(overdueMs / 360_000) / 10 }];
    })
    .sort((a, b) => b.overdueHours - a.overdueHours || a.caseNumber.localeCompare(b.caseNumber))
    .slice(0, listed);
}

/**
 * 周报 / 月报: the department and street rankings of the period before the one of `date`, its totals against the
 * period before that, the trend and hot spots of 问题发生数 by grid and class, and the cases longest overdue.
 * Every figure comes from the evaluation of the same period, so a report never disagrees with the rankings page.
 */
export async function periodReport(unshared: EvaluationDeps, kind: PeriodReportKind, date: string): Promise<PeriodReport> {
  const deps = sharingReplays(unshared);
  const period = periodReportCovers(kind, date);
  const periodKind = periodKindOf[kind];
  const inPeriod = dateBefore(period.to);
  const [{ evaluation: departments, casesBehind: overdue }, previous, streets, spots, classes] = await Promise.all([
    evaluateWithCases(deps, { subject: 'department', period: periodKind, date: inPeriod }, 'overduePending'),
    evaluate(deps, { subject: 'department', period: periodKind, date: dateBefore(period.from) }),
    evaluate(deps, { subject: 'region', regionLevel: 'street', period: periodKind, date: inPeriod }),
    hotSpots(deps, { period: periodKind, date: inPeriod }),
    hotClasses(deps, period),
  ]);
  const definitions = deps.indicators.subjects.department.indicators;
  return {
    kind,
    date,
    period: departments.period as PeriodReport['period'],
    totalColumns: totalColumns.map((id) => ({ id, nameZh: definitions.find((d) => d.id === id)?.nameZh ?? id })),
    totals: { current: totalColumns.map((id) => sumOf(departments.rows, id)), previous: totalColumns.map((id) => sumOf(previous.rows, id)) },
    departments: ranking(deps, 'department', departmentColumns, departments.rows),
    streets: ranking(deps, 'region', regionColumns, streets.rows),
    trend: {
      labels: spots.periods.map((p) => beijingDateOf(new Date(p.from))),
      occurred: spots.periods.map((_, i) => spots.grids.reduce((sum, grid) => sum + (grid.counts[i] ?? 0), 0)),
    },
    hotGrids: spots.grids.slice(0, listed),
    hotClasses: classes,
    worstOverdue: await worstOverdue(deps, period, departments.rows, overdue),
  };
}
