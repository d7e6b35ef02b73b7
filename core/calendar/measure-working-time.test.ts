import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invalid } from '../errors.ts';
import type { TimeInterval, TimeLimit } from '../ports/calendar.ts';
import { at, HOLIDAY_BLOCKS, nextDate } from './holiday-blocks.fixture.ts';
import { loadWorkingCalendar } from './load-calendar.ts';
import { formatShanghai } from './shanghai-time.ts';
import { formatWorkingHours } from './time-limit.ts';

const calendar = loadWorkingCalendar();
const HOUR = 3_600_000;
const MINUTE = 60_000;

function hoursBetween(from: string, to: string, excluded: TimeInterval[] = []): number {
  return calendar.workingTimeBetween(at(from), at(to), { excluded }).milliseconds / HOUR;
}

describe('workingTimeBetween', () => {
  it('counts only working periods of one day', () => {
    assert.equal(hoursBetween('2026-03-02T10:00', '2026-03-02T15:00'), 3);
    assert.equal(hoursBetween('2026-03-02T00:00', '2026-03-03T00:00'), 8);
    assert.equal(hoursBetween('2026-03-02T12:10', '2026-03-02T13:50'), 0);
  });

  it('skips nights and weekends', () => {
    assert.equal(hoursBetween('2026-03-06T17:00', '2026-03-09T09:00'), 2);
    assert.equal(hoursBetween('2026-03-07T00:00', '2026-03-09T00:00'), 0);
  });

  it('returns zero, never a negative amount, when the end is not after the start', () => {
    assert.equal(hoursBetween('2026-03-02T10:00', '2026-03-02T10:00'), 0);
    assert.equal(hoursBetween('2026-03-03T10:00', '2026-03-02T10:00'), 0);
  });

  for (const block of HOLIDAY_BLOCKS) {
    it(`${block.name}: no working time on the days off, 8 h on the working days around and make-up days`, () => {
      const [firstOff, lastOff] = block.off;
      assert.equal(hoursBetween(`${firstOff}T00:00`, `${nextDate(lastOff)}T00:00`), 0);
      assert.equal(hoursBetween(`${block.firstWorkingAfter}T00:00`, `${nextDate(block.firstWorkingAfter)}T00:00`), 8);
      for (const makeUp of block.makeUp) assert.equal(hoursBetween(`${makeUp}T00:00`, `${nextDate(makeUp)}T00:00`), 8);
    });
  }

  it('finds 248 working days in each of 2025 and 2026, and is exact up to midnight of 1 Jan 2027', () => {
    for (const year of [2025, 2026]) {
      const result = calendar.workingTimeBetween(at(`${year}-01-01T00:00`), at(`${year + 1}-01-01T00:00`));
      assert.deepEqual(result, { milliseconds: 248 * 8 * HOUR, approximate: false });
    }
  });

  it('is approximate when it uses a day of a year without holiday data', () => {
    const result = calendar.workingTimeBetween(at('2026-12-31T08:00'), at('2027-01-04T10:00'));
    assert.deepEqual(result, { milliseconds: 18 * HOUR, approximate: true });
  });

  it('leaves out excluded intervals', () => {
    const suspended = [{ from: at('2026-03-06T16:00'), to: at('2026-03-10T09:00') }];
    assert.equal(hoursBetween('2026-03-05T08:00', '2026-03-10T18:00', suspended), 8 + 6 + 7);
  });

  it('reads as 工作时', () => {
    assert.equal(formatWorkingHours(hoursBetween('2026-03-02T08:00', '2026-03-02T10:15') * HOUR), '2.25 工作时');
  });
});

describe('remainingTime', () => {
  it('counts working time up to the due time for 工作时 and 工作日 limits', () => {
    const remaining = calendar.remainingTime(at('2026-03-05T10:00'), at('2026-03-04T17:00'), 'working-hour');
    assert.deepEqual(remaining, { milliseconds: 3 * HOUR, approximate: false });
  });

  it('turns negative by the working time overdue', () => {
    const overdue = calendar.remainingTime(at('2026-03-05T10:00'), at('2026-03-05T15:00'), 'working-day');
    assert.equal(overdue.milliseconds, -3 * HOUR);
  });

  it('is zero, not negative, past the due time when no working time has passed since', () => {
    const remaining = calendar.remainingTime(at('2026-09-30T18:00'), at('2026-10-03T10:00'), 'working-hour');
    assert.ok(Object.is(remaining.milliseconds, 0));
  });

  it('counts continuous time for 小时 and 分钟 limits, holidays included', () => {
    assert.equal(calendar.remainingTime(at('2026-10-02T10:00'), at('2026-10-01T10:00'), 'hour').milliseconds, 24 * HOUR);
    assert.equal(calendar.remainingTime(at('2026-10-01T10:00'), at('2026-10-01T10:30'), 'minute').milliseconds, -30 * MINUTE);
  });

  it('does not count a suspension that is still running', () => {
    const suspended = [{ from: at('2026-03-04T08:00'), to: at('2026-03-04T18:00') }];
    const remaining = calendar.remainingTime(at('2026-03-05T10:00'), at('2026-03-04T09:00'), 'working-hour', { excluded: suspended });
    assert.equal(remaining.milliseconds, 2 * HOUR);
  });

  it('rejects an unknown unit', () => {
    assert.throws(
      () => calendar.remainingTime(at('2026-03-05T10:00'), at('2026-03-04T09:00'), 'week' as never),
      (error: unknown) => error instanceof Invalid && error.field === 'unit',
    );
  });
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('workingTimeBetween agrees with addWorkingTime', () => {
  const limits: TimeLimit[] = [
    { amount: 0.5, unit: 'working-hour' },
    { amount: 4, unit: 'working-hour' },
    { amount: 1, unit: 'working-day' },
    { amount: 7, unit: 'working-day' },
  ];

  it('measures exactly the limit from any start to its due time, and less just before it', () => {
    const first = at('2025-01-02T00:00').getTime();
    for (let start = first; start < at('2026-12-01T00:00').getTime(); start += 193 * MINUTE) {
      for (const limit of limits) {
        const expected = limit.amount * (limit.unit === 'working-day' ? 8 : 1) * HOUR;
        const { due } = calendar.addWorkingTime(new Date(start), limit);
        const measured = calendar.workingTimeBetween(new Date(start), due).milliseconds;
        assert.equal(measured, expected, `from ${formatShanghai(new Date(start))} + ${limit.amount} ${limit.unit}`);
        assert.ok(calendar.workingTimeBetween(new Date(start), new Date(due.getTime() - 1)).milliseconds < expected);
      }
    }
  });

  it('agrees with excluded intervals too', () => {
    const next = random(7);
    for (let i = 0; i < 2000; i++) {
      const start = at('2025-01-02T00:00').getTime() + Math.floor(next() * 690) * 86_400_000 + Math.floor(next() * 1440) * MINUTE;
      const excluded = [0, 1, 2].map(() => {
        const from = start + Math.floor(next() * 10 * 86_400_000);
        return { from: new Date(from), to: new Date(from + Math.floor(next() * 4 * 86_400_000)) };
      });
      const amount = 1 + Math.floor(next() * 40);
      const { due } = calendar.addWorkingTime(new Date(start), { amount, unit: 'working-hour' }, { excluded });
      assert.equal(calendar.workingTimeBetween(new Date(start), due, { excluded }).milliseconds, amount * HOUR);
    }
  });
});

describe('addWorkingTime agrees with a minute-by-minute count of the published calendar', () => {
  const offDays = new Set<string>();
  const makeUpDays = new Set<string>();
  for (const block of HOLIDAY_BLOCKS) {
    for (let day = block.off[0]; day <= block.off[1]; day = nextDate(day)) offDays.add(day);
    for (const day of block.makeUp) makeUpDays.add(day);
  }
  const counts = (instant: number, excluded: readonly TimeInterval[]) => {
    const local = new Date(instant + 8 * HOUR);
    const date = local.toISOString().slice(0, 10);
    const weekday = local.getUTCDay();
    const workingDay = makeUpDays.has(date) || (!offDays.has(date) && weekday !== 0 && weekday !== 6);
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const inPeriod = (minute >= 480 && minute < 720) || (minute >= 840 && minute < 1080);
    return workingDay && inPeriod && !excluded.some((interval) => instant >= interval.from.getTime() && instant < interval.to.getTime());
  };

  it('for random minute-aligned starts, limits and suspensions in 2025 and 2026', () => {
    const next = random(2026);
    for (let i = 0; i < 300; i++) {
      const start = at('2025-01-02T00:00').getTime() + Math.floor(next() * 700 * 1440) * MINUTE;
      const minutes = 15 * (1 + Math.floor(next() * 120));
      const suspendedFrom = start + Math.floor(next() * 5 * 1440) * MINUTE;
      const excluded = next() < 0.5 ? [] : [{ from: new Date(suspendedFrom), to: new Date(suspendedFrom + Math.floor(next() * 3 * 1440) * MINUTE) }];
      let left = minutes;
      let instant = start;
      for (; left > 0; instant += MINUTE) if (counts(instant, excluded)) left--;
      const { due } = calendar.addWorkingTime(new Date(start), { amount: minutes / 60, unit: 'working-hour' }, { excluded });
      assert.equal(formatShanghai(due), formatShanghai(new Date(instant)), `from ${formatShanghai(new Date(start))} + ${minutes} min`);
    }
  });
});
