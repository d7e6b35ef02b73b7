import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newTrackingCode, normaliseTrackingCode } from './tracking-code.ts';

describe('tracking codes', () => {
  it('are 10 characters without look-alikes, and differ each time', () => {
    const codes = new Set(Array.from({ length: 1000 }, newTrackingCode));
    assert.equal(codes.size, 1000);
    for (const code of codes) assert.match(code, /^[A-HJKMNP-Z2-9]{10}$/);
  });

  it('read what a citizen typed regardless of case, spaces and dashes; junk is no code', () => {
    assert.equal(normaliseTrackingCode('abcde-fghjk'), 'ABCDEFGHJK');
    assert.equal(normaliseTrackingCode(' ABCDE FGHJK '), 'ABCDEFGHJK');
    assert.equal(normaliseTrackingCode('ABCDEFGHJ0'), null, '0 is not in the alphabet');
    assert.equal(normaliseTrackingCode('ABCDEFGHJ'), null, 'too short');
    assert.equal(normaliseTrackingCode("' OR 1=1 --"), null);
  });
});
