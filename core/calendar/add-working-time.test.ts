import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invalid } from '../errors.ts';
import { at, HOLIDAY_BLOCKS } from './holiday-blocks.fixture.ts';
import { loadWorkingCalendar } from './load-calendar.ts';
import { formatShanghai } from './shanghai-time.ts';

const calendar = loadWorkingCalendar();

/** The due time in Beijing time without the offset, and whether it is approximate. */
function due(start: string, limit: string, excluded: Array<[string, string]> = []): string {
  const result = calendar.addWorkingTime(at(start), limit, {
    excluded: excluded.map(([from, to]) => ({ from: at(from), to: at(to) })),
  });
  return `${formatShanghai(result.due).slice(0, 16)}${result.approximate ? ' approximate' : ''}`;
}

describe('addWorkingTime within working periods (08:00–12:00, 14:00–18:00)', () => {
  // 2026-03-02 is an ordinary Monday.
  it('ends at the end of a period, not at the start of the next one', () => {
    assert.equal(due('2026-03-02T08:00', '4 工作时'), '2026-03-02T12:00');
    assert.equal(due('2026-03-02T08:00', '8 工作时'), '2026-03-02T18:00');
  });

  it('skips the lunch break', () => {
    assert.equal(due('2026-03-02T11:00', '2 工作时'), '2026-03-02T15:00');
    assert.equal(due('2026-03-02T11:00', '1.5 工作时'), '2026-03-02T14:30');
  });

  it('starts a clock that begins in the lunch break at 14:00', () => {
    assert.equal(due('2026-03-02T12:30', '1 工作时'), '2026-03-02T15:00');
    assert.equal(due('2026-03-02T12:00', '4 工作时'), '2026-03-02T18:00');
  });

  it('starts a clock that begins before 08:00 at 08:00', () => {
    assert.equal(due('2026-03-02T06:30', '1 工作时'), '2026-03-02T09:00');
    assert.equal(due('2026-03-02T00:00', '4工作时'), '2026-03-02T12:00');
  });

  it('rolls the end of the day over to the next morning', () => {
    assert.equal(due('2026-03-02T17:00', '2 工作时'), '2026-03-03T09:00');
    assert.equal(due('2026-03-02T19:00', '1 工作时'), '2026-03-03T09:00');
    assert.equal(due('2026-03-02T17:59', '2 working hours'), '2026-03-03T09:59');
  });

  it('keeps seconds and milliseconds of the start', () => {
    const result = calendar.addWorkingTime(new Date('2026-03-02T10:15:30.250+08:00'), '1 工作时');
    assert.equal(formatShanghai(result.due), '2026-03-02T11:15:30.250+08:00');
  });

  it('skips weekends', () => {
    assert.equal(due('2026-03-06T17:00', '2 工作时'), '2026-03-09T09:00');
    assert.equal(due('2026-03-07T10:00', '1 工作时'), '2026-03-09T09:00');
    assert.equal(due('2026-03-08T23:59', '4 工作时'), '2026-03-09T12:00');
  });

  it('accepts a limit given as a value as well as text', () => {
    const result = calendar.addWorkingTime(at('2026-03-02T08:00'), { amount: 3, unit: 'working-hour' });
    assert.equal(formatShanghai(result.due), '2026-03-02T11:00:00+08:00');
  });
});

describe('addWorkingTime around every 2025 and 2026 holiday block', () => {
  for (const block of HOLIDAY_BLOCKS) {
    const [firstOff, lastOff] = block.off;
    const flag = block.lastWorkingBefore < '2025' ? ' approximate' : '';

    it(`${block.name}: the last working hour before rolls over to ${block.firstWorkingAfter}`, () => {
      assert.equal(due(`${block.lastWorkingBefore}T17:00`, '2 工作时'), `${block.firstWorkingAfter}T09:00${flag}`);
    });

    it(`${block.name}: a clock started on the first and the last day off starts on ${block.firstWorkingAfter}`, () => {
      assert.equal(due(`${firstOff}T10:00`, '1 工作时'), `${block.firstWorkingAfter}T09:00`);
      assert.equal(due(`${lastOff}T23:00`, '1 工作时'), `${block.firstWorkingAfter}T09:00`);
    });

    for (const makeUp of block.makeUp) {
      it(`${block.name}: ${makeUp} is a make-up working day`, () => {
        const dayBefore = new Date(Date.parse(`${makeUp}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        assert.equal(due(`${dayBefore}T18:00`, '1 工作时'), `${makeUp}T09:00`);
        assert.equal(due(`${makeUp}T08:00`, '8 工作时'), `${makeUp}T18:00`);
      });
    }
  }

  it('works the Sunday before the 2026 National Day week and the Saturday after it', () => {
    assert.equal(due('2026-09-18T17:00', '2 工作时'), '2026-09-20T09:00');
    assert.equal(due('2026-09-20T17:00', '2 工作时'), '2026-09-21T09:00');
    assert.equal(due('2026-10-09T17:00', '2 工作时'), '2026-10-10T09:00');
    assert.equal(due('2026-10-10T17:00', '2 工作时'), '2026-10-12T09:00');
    assert.equal(due('2025-09-26T17:00', '2 工作时'), '2025-09-28T09:00');
  });

  it('counts the whole Spring Festival 2026 week as off, Saturday 14 Feb and 28 Feb as working', () => {
    assert.equal(due('2026-02-13T17:00', '10 工作时'), '2026-02-24T09:00');
    assert.equal(due('2026-02-27T17:00', '2 工作时'), '2026-02-28T09:00');
    assert.equal(due('2026-02-28T17:00', '2 工作时'), '2026-03-02T09:00');
  });
});

describe('addWorkingTime with 工作日', () => {
  it('counts a 工作日 as 8 工作时 of working time, not to the end of a day', () => {
    assert.equal(due('2026-03-02T10:00', '1 工作日'), '2026-03-03T10:00');
    assert.equal(due('2026-03-06T15:00', '2 工作日'), '2026-03-10T15:00');
    assert.equal(due('2026-03-02T08:00', '1 working day'), '2026-03-02T18:00');
  });

  it('skips holidays and uses make-up days', () => {
    assert.equal(due('2026-09-30T10:00', '1 工作日'), '2026-10-08T10:00');
    // Mon 21 Sep to Thu 24 Sep, then Mid-Autumn Fri 25 to Sun 27, then Mon 28 Sep.
    assert.equal(due('2026-09-21T08:00', '5个工作日'), '2026-09-28T18:00');
    // 4 h on Fri 18 Sep, 8 h on Sun 20 Sep (make-up), 4 h on Mon 21 Sep.
    assert.equal(due('2026-09-18T14:00', '2 工作日'), '2026-09-21T12:00');
  });
});

describe('addWorkingTime with continuous (urgent) limits', () => {
  it('runs 小时 and 分钟 through nights, weekends and holidays', () => {
    assert.equal(due('2026-09-30T20:00', '24 小时'), '2026-10-01T20:00');
    assert.equal(due('2026-03-02T17:50', '30 分钟'), '2026-03-02T18:20');
    assert.equal(due('2026-03-06T23:00', '36 hours'), '2026-03-08T11:00');
  });

  it('reads 紧急工作时 and 紧急工作日 as continuous time', () => {
    assert.equal(due('2026-10-02T23:00', '2紧急工作时'), '2026-10-03T01:00');
    assert.equal(due('2026-10-02T23:00', '2紧急工作日'), '2026-10-04T23:00');
  });

  it('is never approximate, even into a year without holiday data', () => {
    assert.equal(due('2026-12-31T20:00', '24 小时'), '2027-01-01T20:00');
  });
});

describe('addWorkingTime with excluded intervals (a suspended case)', () => {
  it('stops the clock over a suspension that spans a weekend', () => {
    // Thu 5 Mar 10:00 + 16 h: 6 h on Thu, 6 h on Fri until the suspension at 16:00, 4 h from Tue 09:00.
    assert.equal(due('2026-03-05T10:00', '2 工作日'), '2026-03-09T10:00');
    assert.equal(due('2026-03-05T10:00', '2 工作日', [['2026-03-06T16:00', '2026-03-10T09:00']]), '2026-03-10T15:00');
  });

  it('starts after a suspension the start falls in', () => {
    assert.equal(due('2026-03-02T10:00', '1 工作时', [['2026-03-02T09:00', '2026-03-02T11:00']]), '2026-03-02T12:00');
  });

  it('ignores a suspension outside working time', () => {
    assert.equal(due('2026-03-02T17:00', '2 工作时', [['2026-03-02T18:00', '2026-03-03T08:00']]), '2026-03-03T09:00');
  });

  it('merges overlapping suspensions given in any order', () => {
    const excluded: Array<[string, string]> = [
      ['2026-03-03T09:00', '2026-03-03T10:00'],
      ['2026-03-02T15:00', '2026-03-02T17:00'],
      ['2026-03-02T16:00', '2026-03-03T08:30'],
    ];
    // Mon 14:00–15:00 (1 h); Mon 15:00 to Tue 08:30 excluded; Tue 08:30–09:00, 10:00–12:00, 14:00–14:30.
    assert.equal(due('2026-03-02T14:00', '4 工作时', excluded), '2026-03-03T14:30');
  });

  it('stops the continuous clock too', () => {
    assert.equal(due('2026-03-02T10:00', '24 小时', [['2026-03-02T12:00', '2026-03-02T15:00']]), '2026-03-03T13:00');
  });

  it('resumes after a suspension of more than a year', () => {
    assert.equal(due('2025-03-03T10:00', '1 工作时', [['2025-03-03T10:30', '2026-03-05T10:00']]), '2026-03-05T10:30');
  });

  it('rejects an interval that ends before it starts, naming it', () => {
    assert.throws(
      () => calendar.addWorkingTime(at('2026-03-02T10:00'), '1 工作时', { excluded: [{ from: at('2026-03-02T10:00'), to: at('2026-03-02T11:00') }, { from: at('2026-03-03T10:00'), to: at('2026-03-02T10:00') }] }),
      (error: unknown) => error instanceof Invalid && error.field === 'excluded.1',
    );
  });
});

describe('addWorkingTime into a year without holiday data', () => {
  it('counts weekends only and says the due time is approximate', () => {
    // 1 Jan 2027 is a Friday: a public holiday in fact, a working day without the 2027 notice.
    assert.equal(due('2026-12-31T17:00', '2 工作时'), '2027-01-01T09:00 approximate');
    assert.equal(due('2027-01-01T17:00', '2 工作时'), '2027-01-04T09:00 approximate');
    assert.equal(due('2026-12-28T08:00', '5 工作日'), '2027-01-01T18:00 approximate');
  });

  it('is exact when the deadline stays inside known years', () => {
    assert.equal(due('2026-12-31T10:00', '2 工作时'), '2026-12-31T12:00');
    assert.equal(due('2026-12-31T10:00', '6 工作时'), '2026-12-31T18:00');
  });
});

describe('addWorkingTime with bad input', () => {
  it('rejects an invalid start and a non-positive limit with the offending field', () => {
    assert.throws(() => calendar.addWorkingTime(new Date('nonsense'), '1 工作时'), (error: unknown) => error instanceof Invalid && error.field === 'start');
    assert.throws(() => calendar.addWorkingTime(at('2026-03-02T10:00'), { amount: 0, unit: 'working-hour' }), (error: unknown) => error instanceof Invalid && error.field === 'limit');
    assert.throws(() => calendar.addWorkingTime(at('2026-03-02T10:00'), '3 天'), (error: unknown) => error instanceof Invalid && error.field === 'limit');
  });
});
