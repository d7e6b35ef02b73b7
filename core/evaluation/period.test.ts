import assert from 'node:assert/strict';
import { it } from 'node:test';
import { periodOf } from './period.ts';

const span = (kind: Parameters<typeof periodOf>[0], date: string) => {
  const period = periodOf(kind, date);
  return [period.from.toISOString(), period.to.toISOString()];
};

it('periods are whole Beijing days, weeks from Monday, calendar months, quarters and years', () => {
  assert.deepEqual(span('day', '2026-11-23'), ['2026-11-22T16:00:00.000Z', '2026-11-23T16:00:00.000Z']);
  assert.deepEqual(span('week', '2026-11-29'), ['2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z']); // a Sunday
  assert.deepEqual(span('week', '2026-11-30'), ['2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z']);
  assert.deepEqual(span('month', '2026-12-31'), ['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  assert.deepEqual(span('quarter', '2026-11-23'), ['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  assert.deepEqual(span('year', '2024-02-29'), ['2023-12-31T16:00:00.000Z', '2024-12-31T16:00:00.000Z']);
});

it('refuses dates that do not exist, naming the field', () => {
  for (const bad of ['2026-02-30', '2026-13-01', '23/11/2026', '']) {
    assert.throws(() => periodOf('day', bad), { name: 'Invalid', field: 'date' });
  }
});
