import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOpenAt } from './opening-hours.ts';

// Beijing is UTC+8: 06:00 there is 22:00 UTC of the day before.
const beijing = (hhmm: string) => new Date(`2026-07-15T${hhmm}:00+08:00`);

describe('opening hours of a public place', () => {
  it('reads the hours as Beijing time, whatever the clock of the phone or server', () => {
    assert.equal(isOpenAt('06:00-22:00', beijing('05:59')), false);
    assert.equal(isOpenAt('06:00-22:00', beijing('06:00')), true);
    assert.equal(isOpenAt('06:00-22:00', beijing('21:59')), true);
    assert.equal(isOpenAt('06:00-22:00', beijing('22:00')), false, 'closed at the closing minute');
  });

  it('keeps a round-the-clock toilet open at midnight', () => {
    assert.equal(isOpenAt('00:00-24:00', beijing('00:00')), true);
    assert.equal(isOpenAt('00:00-24:00', beijing('23:59')), true);
  });

  it('runs hours that end before they start past midnight', () => {
    assert.equal(isOpenAt('18:00-02:00', beijing('23:30')), true);
    assert.equal(isOpenAt('18:00-02:00', beijing('01:59')), true);
    assert.equal(isOpenAt('18:00-02:00', beijing('12:00')), false);
  });
});
