import { Invalid } from '../errors.ts';

/*
 * Asia/Shanghai has been UTC+8 without daylight saving since 1991, so the calendar uses a fixed +08:00 offset
 * instead of a time-zone database: "local milliseconds" are UTC milliseconds plus 8 hours, and a local day is
 * floor(local / DAY_MS). That keeps day-by-day arithmetic to integer maths.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = 8 * HOUR_MS;

export function toLocalMs(instant: Date): number {
  return instant.getTime() + OFFSET_MS;
}

export function fromLocalMs(local: number): Date {
  return new Date(local - OFFSET_MS);
}

/** Days since 1970-01-01 of a calendar date written YYYY-MM-DD. */
export function dayOfIsoDate(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  return Date.UTC(year ?? NaN, (month ?? NaN) - 1, day ?? NaN) / DAY_MS;
}

/** The YYYY-MM-DD of a day counted since 1970-01-01. */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const weekday = weekdayOfDay(day);
  return weekday === 0 || weekday === 6;
}

/** ISO-8601 in Beijing time, e.g. 2026-10-08T09:00:00+08:00 (milliseconds only when there are some). */
export function formatShanghai(instant: Date): string {
  const local = new Date(toLocalMs(instant));
  return `${local.toISOString().slice(0, local.getUTCMilliseconds() ? 23 : 19)}+08:00`;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads an ISO-8601 date or date-time. Without an offset it is Beijing time, which is what a user in China means
 * by "2026-09-30T17:00"; a bare date is that day's midnight.
 */
export function parseShanghai(text: string, field: string): Date {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (match) {
    const [, year = '', month = '', day = '', hour = '00', minute = '00', second = '00', fraction = '0', zone = '+08:00'] = match;
    const instant = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${fraction.padEnd(3, '0')}${zone}`);
    // Date rolls 2026-02-30 over into March and 24:00 into the next day; a deadline input must not.
    const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (!Number.isNaN(instant.getTime()) && Number(hour) < 24 && calendarDay.toISOString().startsWith(`${year}-${month}-${day}`)) {
      return instant;
    }
  }
  throw new Invalid(`${field}: "${text}" is not an ISO-8601 date-time such as 2026-09-30T17:00+08:00`, { field });
}

/** Milliseconds after midnight of an HH:MM wall-clock time (24:00 allowed as the end of the day). */
export function clockTimeMs(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? NaN) * HOUR_MS + (minutes ?? NaN) * MINUTE_MS;
}
