import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawSample, sampleSizeOf, seededRandom } from './third-party-review-sample.ts';

const cases = [
  ...Array.from({ length: 20 }, (_, i) => ({ caseId: `w${String(i).padStart(2, '0')}`, departmentId: 'water' })),
  ...Array.from({ length: 3 }, (_, i) => ({ caseId: `r${i}`, departmentId: 'roads' })),
  { caseId: 'p0', departmentId: 'parks' },
];

describe('third-party review sample', () => {
  it('draws the same sample from the same seed, whatever order the cases and reviewers come in', () => {
    const input = { seed: 20261201, rule: { rate: 0.2 }, reviewersPerCase: 1 };
    const first = drawSample(input, cases, [7, 3, 5]);
    const again = drawSample(input, [...cases].reverse(), [5, 7, 3]);
    assert.deepEqual(again, first);
    assert.notDeepEqual(drawSample({ ...input, seed: 1 }, cases, [3, 5, 7]).map((a) => a.caseId), first.map((a) => a.caseId));
  });

  it('reviews every department with closed cases: a rate rounds, but never below one case', () => {
    const drawn = drawSample({ seed: 9, rule: { rate: 0.2 }, reviewersPerCase: 1 }, cases, [1]);
    const per = (department: string) => drawn.filter((a) => a.departmentId === department).length;
    assert.deepEqual([per('water'), per('roads'), per('parks')], [4, 1, 1]);
    assert.equal(new Set(drawn.map((a) => a.caseId)).size, drawn.length, 'no case drawn twice');
  });

  it('takes a fixed number per department, capped at what the department closed', () => {
    assert.equal(sampleSizeOf({ perDepartment: 5 }, 3), 3);
    assert.equal(sampleSizeOf({ perDepartment: 5 }, 30), 5);
    assert.equal(sampleSizeOf({ rate: 0.5 }, 0), 0);
  });

  it('gives each case to distinct reviewers and spreads the cases evenly', () => {
    const drawn = drawSample({ seed: 4, rule: { perDepartment: 2 }, reviewersPerCase: 2 }, cases, [11, 12, 13]);
    assert.equal(drawn.length, 5 * 2);
    for (const caseId of new Set(drawn.map((a) => a.caseId))) {
      const reviewers = drawn.filter((a) => a.caseId === caseId).map((a) => a.reviewerId);
      assert.equal(new Set(reviewers).size, 2, `case ${caseId} reviewed twice by one reviewer`);
    }
    const loads = [11, 12, 13].map((id) => drawn.filter((a) => a.reviewerId === id).length).sort();
    assert.deepEqual(loads, [3, 3, 4]);
  });

  it('never asks more reviewers per case than there are', () => {
    const drawn = drawSample({ seed: 4, rule: { perDepartment: 1 }, reviewersPerCase: 3 }, cases, [42]);
    assert.deepEqual(drawn.map((a) => a.reviewerId), [42, 42, 42]);
  });

  it('draws numbers in [0, 1) that depend on the seed', () => {
    const a = seededRandom(1);
    const values = Array.from({ length: 1000 }, a);
    assert.ok(values.every((v) => v >= 0 && v < 1));
    assert.notEqual(seededRandom(2)(), seededRandom(1)());
  });
});
