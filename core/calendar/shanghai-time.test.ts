import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invalid } from '../errors.ts';
import { formatShanghai, parseShanghai } from './shanghai-time.ts';

describe('parseShanghai', () => {
  it('reads a time without an offset as Beijing time', () => {
    assert.equal(parseShanghai('2026-09-30T17:00', 'from').toISOString(), '2026-09-30T09:00:00.000Z');
    assert.equal(parseShanghai('2026-09-30 17:00:05', 'from').toISOString(), '2026-09-30T09:00:05.000Z');
    assert.equal(parseShanghai('2026-09-30', 'from').toISOString(), '2026-09-29T16:00:00.000Z');
  });

  it('keeps an explicit offset', () => {
    assert.equal(parseShanghai('2026-09-30T09:00:00Z', 'from').toISOString(), '2026-09-30T09:00:00.000Z');
    assert.equal(parseShanghai('2026-09-30T10:00:00.5+01:00', 'from').toISOString(), '2026-09-30T09:00:00.500Z');
  });

  for (const text of ['2026-02-30T10:00', '2026-13-01', '2026-09-30T24:00', '2026-09-30T10:60', '30/09/2026', 'now', '']) {
    it(`rejects "${text}" naming the field`, () => {
      assert.throws(() => parseShanghai(text, '--from'), (error: unknown) => error instanceof Invalid && error.field === '--from');
    });
  }
});

describe('formatShanghai', () => {
  it('writes ISO-8601 with +08:00, milliseconds only when there are some', () => {
    assert.equal(formatShanghai(new Date('2026-12-31T16:00:00Z')), '2027-01-01T00:00:00+08:00');
    assert.equal(formatShanghai(new Date('2026-03-02T02:15:30.250Z')), '2026-03-02T10:15:30.250+08:00');
  });
});
