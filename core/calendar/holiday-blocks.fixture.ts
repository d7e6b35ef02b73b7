/**
 * The State Council notices for 2025 and 2026 (reference/holidays.md), written out by hand for the tests so they
 * check the data files instead of repeating them. `lastWorkingBefore` / `firstWorkingAfter` are the working days
 * around each block, make-up days included.
 */
export interface HolidayBlock {
  name: string;
  off: readonly [first: string, last: string];
  makeUp: readonly string[];
  lastWorkingBefore: string;
  firstWorkingAfter: string;
}

export const HOLIDAY_BLOCKS: readonly HolidayBlock[] = [
  // 2024-12-31 lies in a year without data: its count is flagged approximate.
  { name: '2025 元旦', off: ['2025-01-01', '2025-01-01'], makeUp: [], lastWorkingBefore: '2024-12-31', firstWorkingAfter: '2025-01-02' },
  { name: '2025 春节', off: ['2025-01-28', '2025-02-04'], makeUp: ['2025-01-26', '2025-02-08'], lastWorkingBefore: '2025-01-27', firstWorkingAfter: '2025-02-05' },
  { name: '2025 清明节', off: ['2025-04-04', '2025-04-06'], makeUp: [], lastWorkingBefore: '2025-04-03', firstWorkingAfter: '2025-04-07' },
  { name: '2025 劳动节', off: ['2025-05-01', '2025-05-05'], makeUp: ['2025-04-27'], lastWorkingBefore: '2025-04-30', firstWorkingAfter: '2025-05-06' },
  { name: '2025 端午节', off: ['2025-05-31', '2025-06-02'], makeUp: [], lastWorkingBefore: '2025-05-30', firstWorkingAfter: '2025-06-03' },
  { name: '2025 国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], makeUp: ['2025-09-28', '2025-10-11'], lastWorkingBefore: '2025-09-30', firstWorkingAfter: '2025-10-09' },
  { name: '2026 元旦', off: ['2026-01-01', '2026-01-03'], makeUp: ['2026-01-04'], lastWorkingBefore: '2025-12-31', firstWorkingAfter: '2026-01-04' },
  { name: '2026 春节', off: ['2026-02-15', '2026-02-23'], makeUp: ['2026-02-14', '2026-02-28'], lastWorkingBefore: '2026-02-14', firstWorkingAfter: '2026-02-24' },
  { name: '2026 清明节', off: ['2026-04-04', '2026-04-06'], makeUp: [], lastWorkingBefore: '2026-04-03', firstWorkingAfter: '2026-04-07' },
  { name: '2026 劳动节', off: ['2026-05-01', '2026-05-05'], makeUp: ['2026-05-09'], lastWorkingBefore: '2026-04-30', firstWorkingAfter: '2026-05-06' },
  { name: '2026 端午节', off: ['2026-06-19', '2026-06-21'], makeUp: [], lastWorkingBefore: '2026-06-18', firstWorkingAfter: '2026-06-22' },
  { name: '2026 中秋节', off: ['2026-09-25', '2026-09-27'], makeUp: [], lastWorkingBefore: '2026-09-24', firstWorkingAfter: '2026-09-28' },
  { name: '2026 国庆节', off: ['2026-10-01', '2026-10-07'], makeUp: ['2026-09-20', '2026-10-10'], lastWorkingBefore: '2026-09-30', firstWorkingAfter: '2026-10-08' },
];

/** Beijing time written without an offset, e.g. at('2026-09-30T17:00'). */
export function at(localDateTime: string): Date {
  return new Date(`${localDateTime}+08:00`);
}

/** The next calendar day of a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
