import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invalid } from '../errors.ts';
import { formatWorkingHours, limitMilliseconds, parseTimeLimit } from './time-limit.ts';

describe('parseTimeLimit', () => {
  const cases: Array<[string, number, string]> = [
    ['4 工作时', 4, 'working-hour'],
    ['4工作时', 4, 'working-hour'],
    ['4个工作时', 4, 'working-hour'],
    [' 8 工作小时 ', 8, 'working-hour'],
    ['2 工作日', 2, 'working-day'],
    ['15工作日', 15, 'working-day'],
    ['5个工作日', 5, 'working-day'],
    ['3 工作天', 3, 'working-day'],
    ['24 小时', 24, 'hour'],
    ['6小时', 6, 'hour'],
    ['30 分钟', 30, 'minute'],
    ['1.5 工作时', 1.5, 'working-hour'],
    ['2紧急工作时', 2, 'hour'],
    ['2紧急工作日', 48, 'hour'],
    ['4 working hours', 4, 'working-hour'],
    ['1 working hour', 1, 'working-hour'],
    ['2 working days', 2, 'working-day'],
    ['2 Working Days', 2, 'working-day'],
    ['24 hours', 24, 'hour'],
    ['1 hour', 1, 'hour'],
    ['30 minutes', 30, 'minute'],
  ];
  for (const [text, amount, unit] of cases) {
    it(`reads "${text}"`, () => assert.deepEqual(parseTimeLimit(text), { amount, unit }));
  }

  const bad = ['', '工作时', '4', '4 天', '4 days', 'four working hours', '-4 工作时', '0 工作时', '0.0 小时', '4 工作时 2 小时', '1e3 分钟', '100001 工作时', '4 工作周'];
  for (const text of bad) {
    it(`rejects "${text}" as Invalid naming the field`, () => {
      assert.throws(
        () => parseTimeLimit(text, 'deadline'),
        (error: unknown) => error instanceof Invalid && error.field === 'deadline' && error.message.includes(`"${text}"`),
      );
    });
  }
});

describe('limitMilliseconds', () => {
  it('makes a 工作日 the configured number of 工作时', () => {
    assert.equal(limitMilliseconds({ amount: 2, unit: 'working-day' }, 8), 16 * 3_600_000);
    assert.equal(limitMilliseconds({ amount: 1, unit: 'working-day' }, 7.5), 7.5 * 3_600_000);
    assert.equal(limitMilliseconds({ amount: 30, unit: 'minute' }, 8), 30 * 60_000);
  });
});

describe('formatWorkingHours', () => {
  it('shows up to two decimals', () => {
    assert.equal(formatWorkingHours(4 * 3_600_000), '4 工作时');
    assert.equal(formatWorkingHours(20 * 60_000), '0.33 工作时');
  });
});
