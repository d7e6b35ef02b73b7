import { Invalid } from '../errors.ts';
import type { TimeLimit, TimeLimitUnit } from '../ports/calendar.ts';
import { HOUR_MS, MINUTE_MS } from './shanghai-time.ts';

/** Large enough for any real 处置时限, small enough that a typo cannot make the day-by-day count run for minutes. */
const MAX_AMOUNT = 100_000;

const CHINESE = /^(\d+(?:\.\d+)?)\s*个?\s*(紧急)?\s*(工作时|工作小时|工作日|工作天|小时|分钟)$/;
const ENGLISH = /^(\d+(?:\.\d+)?)\s*(working hours?|working days?|hours?|minutes?)$/i;

const CHINESE_UNITS = {
  工作时: 'working-hour',
  工作小时: 'working-hour',
  工作日: 'working-day',
  工作天: 'working-day',
  小时: 'hour',
  分钟: 'minute',
} as const satisfies Record<string, TimeLimitUnit>;

const ENGLISH_UNITS = {
  'working hour': 'working-hour',
  'working day': 'working-day',
  hour: 'hour',
  minute: 'minute',
} as const satisfies Record<string, TimeLimitUnit>;

const UNITS: readonly TimeLimitUnit[] = ['working-hour', 'working-day', 'hour', 'minute'];

/**
 * Reads a 处置时限 as city standards print it: "4 工作时", "4个工作时", "2工作日", "24 小时", "30 分钟", or in English
 * "4 working hours", "2 working days", "24 hours", "30 minutes".
 * 「紧急」 limits run on a continuous clock (Yuncheng's rule:「自然时间连续计算，下班也计时，包含节假日和周末」), so
 * "2紧急工作时" is 2 hours and "2紧急工作日" is 2 natural days, 48 hours.
 */
export function parseTimeLimit(text: string, field = 'limit'): TimeLimit {
  const trimmed = text.trim();
  const chinese = CHINESE.exec(trimmed);
  if (chinese) {
    const [, amount = '', urgent, unitText = ''] = chinese;
    const unit: TimeLimitUnit = CHINESE_UNITS[unitText as keyof typeof CHINESE_UNITS];
    if (!urgent || isContinuous(unit)) return checkTimeLimit({ amount: Number(amount), unit }, field, text);
    const hours = Number(amount) * (unit === 'working-day' ? 24 : 1);
    return checkTimeLimit({ amount: hours, unit: 'hour' }, field, text);
  }
  const english = ENGLISH.exec(trimmed);
  if (english) {
    const [, amount = '', unitText = ''] = english;
    const unit: TimeLimitUnit = ENGLISH_UNITS[unitText.toLowerCase().replace(/s$/, '') as keyof typeof ENGLISH_UNITS];
    return checkTimeLimit({ amount: Number(amount), unit }, field, text);
  }
  throw new Invalid(
    `${field}: "${text}" is not a time limit; write e.g. "4 工作时", "2 工作日", "24 小时", "30 分钟" or "4 working hours"`,
    { field },
  );
}

/** Rejects amounts that are not a positive, bounded number (also for limits built in code, not parsed). */
export function checkTimeLimit(limit: TimeLimit, field = 'limit', shown: string = `${limit.amount} ${limit.unit}`): TimeLimit {
  if (!Number.isFinite(limit.amount) || limit.amount <= 0 || limit.amount > MAX_AMOUNT) {
    throw new Invalid(`${field}: "${shown}" must be more than 0 and at most ${MAX_AMOUNT}`, { field });
  }
  checkUnit(limit.unit, field);
  return limit;
}

export function checkUnit(unit: TimeLimitUnit, field = 'unit'): TimeLimitUnit {
  if (!UNITS.includes(unit)) throw new Invalid(`${field}: unknown unit "${String(unit)}"; use one of ${UNITS.join(', ')}`, { field });
  return unit;
}

/** Whether a limit of this unit runs on the continuous clock rather than in working time. */
export function isContinuous(unit: TimeLimitUnit): boolean {
  return unit === 'hour' || unit === 'minute';
}

/**
 * The limit's length in milliseconds of its own clock. A 工作日 is `hoursPerWorkingDay` 工作时 counted in working
 * time (so 1 工作日 from Monday 10:00 ends Tuesday 10:00), not "until the end of the N-th working day".
 */
export function limitMilliseconds(limit: TimeLimit, hoursPerWorkingDay: number): number {
  const unitMs = limit.unit === 'working-day' ? hoursPerWorkingDay * HOUR_MS : limit.unit === 'minute' ? MINUTE_MS : HOUR_MS;
  return Math.round(limit.amount * unitMs);
}

/** Working milliseconds as 工作时, e.g. "4.25 工作时" (up to two decimals, as a person reads it). */
export function formatWorkingHours(milliseconds: number): string {
  return `${Number((milliseconds / HOUR_MS).toFixed(2))} 工作时`;
}
