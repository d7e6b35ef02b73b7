import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadIndicatorSet } from './indicator-definitions.ts';
import { compositeScore, gradeOf, rankRows, type EvaluationRow } from './evaluate.ts';

const indicators = loadIndicatorSet();
const row = (id: string, score: number | null): EvaluationRow => ({ id, name: id, indicators: {}, score, rank: null, grade: null });

it('equal scores share a rank and the next rank skips; unscored rows come last without a rank', () => {
  const ranked = rankRows([row('d', null), row('c', 80), row('a', 95), row('b', 95), row('e', 70)]);
  assert.deepEqual(ranked.map((r) => [r.id, r.rank]), [['a', 1], ['b', 1], ['c', 3], ['e', 4], ['d', null]]);
});

it('grades by the bands of the data file, each band including its lower bound', () => {
  assert.deepEqual([100, 90, 89.99, 75, 60, 59.99, 0, null].map((score) => gradeOf(indicators, score)), ['A', 'A', 'B', 'B', 'C', 'D', 'D', null]);
});

it('leaves out a term with nothing to judge and keeps the proportions of the others', () => {
  // A collector who only reported: 有效上报率 alone decides, 3/4 → 75.
  assert.equal(compositeScore(indicators, 'collector', { validReportRate: 0.75, onTimeConfirmationRate: null, onTimeVerificationRate: null }), 75);
  assert.equal(compositeScore(indicators, 'collector', { validReportRate: null, onTimeConfirmationRate: null, onTimeVerificationRate: null }), null);
  // "lower is better" terms score (1 − rate): a department with everything reworked loses the 20 % rework term.
  const perfect = { handlingRate: 1, onTimeHandlingRate: 1, overduePendingRate: 0, extensionRate: 0 };
  assert.equal(compositeScore(indicators, 'department', { ...perfect, reworkRate: 1 }), 80);
  assert.equal(compositeScore(indicators, 'department', { ...perfect, reworkRate: 2 }), 80);
});
