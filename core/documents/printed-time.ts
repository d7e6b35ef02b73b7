import { formatShanghai } from '../calendar/shanghai-time.ts';

/** A time as a printed notice shows it: Beijing time to the minute, e.g. 2026-11-23 13:00; a dash when unset. */
export function printedTime(instant: string | Date | null): string {
  if (instant === null) return '—';
  return formatShanghai(new Date(instant)).slice(0, 16).replace('T', ' ');
}
