import type { EvaluationDeps } from './evaluate.ts';
import { dateBefore, periodOf, type Period, type PeriodKind } from './period.ts';

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
 * 发生数 by unit grid: the cases reported in the period, which is what the region evaluation counts as `occurred`
 * (a case counts where its report falls), read straight from the cases instead of replaying five periods.
 */
async function occurredByGrid(deps: EvaluationDeps, period: Period): Promise<Map<string, number>> {
  const { rows } = await deps.db.query<{ grid_code: string; count: number }>(
    `SELECT grid_code, count(*)::int AS count FROM "case"
      WHERE reported_at >= $1 AND reported_at < $2 AND grid_code IS NOT NULL GROUP BY grid_code`,
    [period.from, period.to],
  );
  return new Map(rows.map((row) => [row.grid_code.trim(), row.count]));
}

/**
 * 高发网格: each unit grid's 发生数 in the period of `date` and the periods before it, busiest first, with the
 * alert the indicators data defines.
 */
export async function hotSpots(deps: EvaluationDeps, request: { period: PeriodKind; date: string }): Promise<HotSpots> {
  const threshold = deps.indicators.parameters.hotSpotAlert ?? null;
  const earlier = threshold?.previousPeriods ?? 4;
  const periods = [periodOf(request.period, request.date)];
  for (let i = 0; i < earlier; i++) periods.unshift(periodOf(request.period, dateBefore(periods[0]!.from)));
  const [counted, names] = await Promise.all([
    Promise.all(periods.map((period) => occurredByGrid(deps, period))),
    deps.db.query<{ code: string; name_zh: string | null }>('SELECT code, name_zh FROM unit_grid'),
  ]);
  const nameOf = new Map(names.rows.map((row) => [row.code.trim(), row.name_zh]));
  const gridCodes = new Set(counted.flatMap((byGrid) => [...byGrid.keys()]));
  const current = periods[periods.length - 1]!;
  return {
    period: { kind: current.kind, from: current.from.toISOString(), to: current.to.toISOString() },
    periods: periods.map((period) => ({ from: period.from.toISOString(), to: period.to.toISOString() })),
    threshold,
    grids: [...gridCodes]
      .map((gridCode) => {
        const counts = counted.map((byGrid) => byGrid.get(gridCode) ?? 0);
        const now = counts[counts.length - 1] ?? 0;
        const previous = counts.slice(0, -1);
        const previousMean = previous.reduce((sum, n) => sum + n, 0) / previous.length;
        const alert = threshold !== null && now >= threshold.minCases && now >= threshold.factor * previousMean;
        return { gridCode, name: nameOf.get(gridCode) ?? gridCode, counts, previousMean, alert };
      })
      .sort((a, b) => (b.counts[b.counts.length - 1] ?? 0) - (a.counts[a.counts.length - 1] ?? 0) || a.gridCode.localeCompare(b.gridCode)),
  };
}
