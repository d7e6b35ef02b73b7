import { Invalid } from '../errors.ts';
import type { TimeInterval } from '../ports/calendar.ts';
import { DAY_MS, toLocalMs } from './shanghai-time.ts';

/** A half-open span [from, to) of Beijing-local milliseconds (see shanghai-time.ts). */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** Which moments a clock counts: the periods of a working day, on the days that are working days. */
export interface Schedule {
  /** Milliseconds after local midnight, in order, not overlapping, at least one. */
  readonly periods: readonly Span[];
  /** Day = days since 1970-01-01 in Beijing time. */
  isWorkingDay(day: number): boolean;
  /** False for a day of a year without holiday data, where isWorkingDay only knows weekends. */
  isKnownDay(day: number): boolean;
}

/** The urgent clock: every moment of every day counts, holidays included. */
export const CONTINUOUS_SCHEDULE: Schedule = {
  periods: [{ from: 0, to: DAY_MS }],
  isWorkingDay: () => true,
  isKnownDay: () => true,
};

/** Excluded intervals as local spans, sorted and merged so the walk can pass them with one forward index. */
export function exclusionSpans(excluded: readonly TimeInterval[] = []): Span[] {
  const spans = excluded.map((interval, index) => {
    const from = toLocalMs(interval.from);
    const to = toLocalMs(interval.to);
    if (Number.isNaN(from) || Number.isNaN(to) || to < from) {
      const field = `excluded.${index}`;
      throw new Invalid(`${field}: an excluded interval needs valid dates with "to" not before "from"`, { field });
    }
    return { from, to };
  });
  spans.sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, span.to) };
    else if (span.to > span.from) merged.push(span);
  }
  return merged;
}

/**
 * Visits the counted spans from `from` up to `until`, in order, day by day (never minute by minute), and skips
 * whole excluded intervals in one step so a year-long suspension costs nothing. `visit` returns false to stop.
 * Returns whether a day of a year without holiday data was used.
 */
function walk(schedule: Schedule, from: number, until: number, exclusions: readonly Span[], visit: (start: number, end: number) => boolean): boolean {
  const firstPeriodStart = schedule.periods[0]?.from ?? 0;
  let approximate = false;
  let cursor = from;
  let next = 0;
  const skipPassed = (at: number) => {
    while (next < exclusions.length && (exclusions[next]?.to ?? Infinity) <= at) next++;
    return exclusions[next];
  };
  while (cursor < until) {
    const covering = skipPassed(cursor);
    if (covering && covering.from <= cursor) {
      cursor = covering.to;
      continue;
    }
    const day = Math.floor(cursor / DAY_MS);
    const dayStart = day * DAY_MS;
    // A span ending on a day's midnight must not flag that day as approximate: it uses nothing of it.
    if (dayStart + firstPeriodStart >= until) break;
    if (!schedule.isKnownDay(day)) approximate = true;
    if (schedule.isWorkingDay(day)) {
      for (const period of schedule.periods) {
        let start = Math.max(dayStart + period.from, cursor);
        const end = Math.min(dayStart + period.to, until);
        while (start < end) {
          const exclusion = skipPassed(start);
          const stop = exclusion && exclusion.from < end ? exclusion.from : end;
          if (stop > start && !visit(start, stop)) return approximate;
          start = stop === end ? end : (exclusion?.to ?? end);
        }
      }
    }
    cursor = dayStart + DAY_MS;
  }
  return approximate;
}

/** The local instant at which `amount` counted milliseconds have passed since `from`. */
export function addTime(schedule: Schedule, from: number, amount: number, exclusions: readonly Span[]): { due: number; approximate: boolean } {
  let remaining = amount;
  let due = from;
  const approximate = walk(schedule, from, Infinity, exclusions, (start, end) => {
    if (end - start < remaining) {
      remaining -= end - start;
      return true;
    }
    due = start + remaining;
    return false;
  });
  return { due, approximate };
}

/** Counted milliseconds in [from, to); zero when `to` is not after `from`. */
export function measureTime(schedule: Schedule, from: number, to: number, exclusions: readonly Span[]): { milliseconds: number; approximate: boolean } {
  let milliseconds = 0;
  const approximate = walk(schedule, from, to, exclusions, (start, end) => {
    milliseconds += end - start;
    return true;
  });
  return { milliseconds, approximate };
}
