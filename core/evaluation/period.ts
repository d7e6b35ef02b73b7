import { Invalid } from '../errors.ts';

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const periodKinds: readonly PeriodKind[] = ['day', 'week', 'month', 'quarter', 'year'];

/** A half-open span of instants [from, to) covering whole days in Beijing time. */
export interface Period {
  kind: PeriodKind;
  from: Date;
  to: Date;
}

const beijingOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

// Calendar arithmetic runs on UTC midnights standing for Beijing dates; the offset is applied once at the end.
const beijingMidnight = (utcDate: number) => new Date(utcDate - beijingOffsetMs);

/** The period of `kind` that contains the Beijing date `date` (YYYY-MM-DD); weeks start on Monday. */
export function periodOf(kind: PeriodKind, date: string): Period {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || new Date(day).toISOString().slice(0, 10) !== date) throw new Invalid(`"${date}" is not a date (YYYY-MM-DD)`, { field: 'date' });
  const at = new Date(day);
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  const [start, end] = {
    day: () => [day, day + dayMs],
    week: () => {
      const monday = day - ((at.getUTCDay() + 6) % 7) * dayMs;
      return [monday, monday + 7 * dayMs];
    },
    month: () => [Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1)],
    quarter: () => [Date.UTC(year, month - (month % 3), 1), Date.UTC(year, month - (month % 3) + 3, 1)],
    year: () => [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)],
  }[kind]() as [number, number];
  return { kind, from: beijingMidnight(start), to: beijingMidnight(end) };
}

/** The Beijing date (YYYY-MM-DD) of an instant. */
export function beijingDateOf(instant: Date): string {
  return new Date(instant.getTime() + beijingOffsetMs).toISOString().slice(0, 10);
}

/** The Beijing date of the day before `from` (a Beijing midnight): the last day before a period starts. */
export function dateBefore(from: Date): string {
  return beijingDateOf(new Date(from.getTime() - 1));
}

/** The whole period of `kind` just before the one containing `date`: what a report issued on `date` covers. */
export function periodBefore(kind: PeriodKind, date: string): Period {
  return periodOf(kind, dateBefore(periodOf(kind, date).from));
}
