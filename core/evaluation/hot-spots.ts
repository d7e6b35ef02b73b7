import { evaluate, type EvaluationDeps } from './evaluate.ts';
import { dateBefore, periodOf, type PeriodKind } from './period.ts';

export interface HotSpot {
  gridCode: string;
  name: string;
  /** 发生数 (cases that occurred) in each period, oldest first; the last one is the period asked for. */
  counts: number[];
  /** Mean of the earlier periods' counts. */
  previousMean: number;
  alert: boolean;
}

export interface HotSpots {
  period: { kind: PeriodKind; from: string; to: string };
  /** The periods `counts` refer to, oldest first; the last one is the period asked for. */
  periods: { from: string; to: string }[];
  threshold: { factor: number; previousPeriods: number; minCases: number } | null;
  grids: HotSpot[];
}

/**
 * 高发网格: each unit grid's 发生数 in the period of `date` and the periods before it, busiest first, with the
 * alert the indicators data defines. Counts are the region evaluation's `occurred`, so they match the rankings.
 */
export async function hotSpots(deps: EvaluationDeps, request: { period: PeriodKind; date: string }): Promise<HotSpots> {
  const threshold = deps.indicators.parameters.hotSpotAlert ?? null;
  const earlier = threshold?.previousPeriods ?? 4;
  const dates = [request.date];
  let from = periodOf(request.period, request.date).from;
  for (let i = 0; i < earlier; i++) {
    const date = dateBefore(from);
    dates.unshift(date);
    from = periodOf(request.period, date).from;
  }
  const evaluations = await Promise.all(dates.map((date) => evaluate(deps, { subject: 'region', regionLevel: 'grid', period: request.period, date })));
  const grids = new Map<string, { name: string; counts: number[] }>();
  evaluations.forEach((evaluation, index) => {
    for (const row of evaluation.rows) {
      const grid = grids.get(row.id) ?? { name: row.name, counts: dates.map(() => 0) };
      grid.counts[index] = row.indicators.occurred ?? 0;
      grids.set(row.id, grid);
    }
  });
  const current = evaluations[evaluations.length - 1];
  if (!current) throw new Error('no period evaluated');
  return {
    period: current.period,
    periods: evaluations.map((evaluation) => ({ from: evaluation.period.from, to: evaluation.period.to })),
    threshold,
    grids: [...grids]
      .map(([gridCode, { name, counts }]) => {
        const now = counts[counts.length - 1] ?? 0;
        const previous = counts.slice(0, -1);
        const previousMean = previous.reduce((sum, n) => sum + n, 0) / previous.length;
        const alert = threshold !== null && now >= threshold.minCases && now >= threshold.factor * previousMean;
        return { gridCode, name, counts, previousMean, alert };
      })
      .filter((grid) => grid.counts.some((n) => n > 0))
      .sort((a, b) => (b.counts[b.counts.length - 1] ?? 0) - (a.counts[a.counts.length - 1] ?? 0) || a.gridCode.localeCompare(b.gridCode)),
  };
}
