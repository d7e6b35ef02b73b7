import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../core/identity/roles.ts';
import { createUser, toPrincipal } from '../../core/identity/users.ts';
import { defaultIndicatorFile, loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { evaluate } from '../../core/evaluation/evaluate.ts';
import { closeRound, openRound, sampleRound } from '../../core/evaluation/third-party-review-rounds.ts';
import { myAssignments, rateAssignment } from '../../core/evaluation/third-party-review-ratings.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { caseDeps } from '../lifecycle/builders.ts';
import { at, givenEvaluationHistory, roadsDepartment, waterDepartment } from '../evaluation/fixture.ts';

/** The shipped indicators file with another review share, as a city would write it. */
function cityFileWithShare(share: number): string {
  const data = JSON.parse(readFileSync(defaultIndicatorFile, 'utf8'));
  data.thirdPartyReview.share = share;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'citycase-review-')), 'city.json');
  writeFileSync(file, JSON.stringify(data));
  return file;
}

const week = { subject: 'department', period: 'week', date: '2026-11-25' } as const;

/**
 * The hand-computed week of test/evaluation/fixture.ts: W (市供水公司) closed A, B, C and scores 70.83 (C);
 * R (区市政所) closed D, E and scores 95 (A), first. One reviewer rates every sampled case: W's 满意 (100 each),
 * R's D and E 不满意 (0) and 基本满意 (60), so R's mean is 30 and W's 100.
 *
 *   share 0.1 (shipped): W = 0.9 × 70.833 + 0.1 × 100 = 63.75 + 10 = 73.75 (C);  R = 0.9 × 95 + 0.1 × 30 = 85.5 + 3 = 88.5 (B)
 *   share 0.5 (a city):  W = 0.5 × 70.833 + 0.5 × 100 = 35.417 + 50 = 85.42 (B); R = 0.5 × 95 + 0.5 × 30 = 47.5 + 15 = 62.5 (C)
 * so with half the weight on the reviews W overtakes R.
 */
describe('third-party review in the department score, by hand', () => {
  let t: TestDatabase;
  let reviewer: Principal;
  let roundId: number;
  const scores = async (share: number) => {
    const result = await evaluate({ db: t.db, calendar: caseDeps().calendar, indicators: loadIndicatorSet(cityFileWithShare(share)) }, week);
    return result.rows.map((row) => [row.id, row.score, row.rank, row.grade]);
  };

  before(async () => {
    t = await openTestDatabase();
    await givenEvaluationHistory(t.db);
    reviewer = toPrincipal(await createUser(t.db, { username: 'deputy', displayName: '刘代表', password: 'correct horse battery', roles: ['reviewer'], reviewerKind: 'deputy' }));
    const organiser = await createUser(t.db, { username: 'leader', displayName: '领导', password: 'correct horse battery', roles: ['leader'] });
    const settings = loadIndicatorSet().thirdPartyReview;
    const round = await t.db.transaction((sql) =>
      openRound(sql, settings, { name: '11月第4周', period: 'week', date: '2026-11-25', sample: { perDepartment: 3 }, seed: 1 }, { userId: organiser.id, at: at('30 09:00') }),
    );
    roundId = round.id;
    await t.db.transaction((sql) => sampleRound(sql, roundId, {}, at('30 09:05')));
    const assignments = await myAssignments(t.db, reviewer, { roundId });
    const roads = assignments.filter((a) => a.case.departmentName === '区市政所');
    assert.equal(roads.length, 2);
    for (const assignment of assignments) {
      const level = assignment.case.departmentName === '市供水公司' ? 'satisfied' : assignment === roads[0] ? 'dissatisfied' : 'fairlySatisfied';
      await t.db.transaction((sql) => rateAssignment(sql, settings, reviewer, assignment.id, { level }, at('30 10:00')));
    }
  });
  after(() => t.dispose());

  it('leaves the scores alone while the round is open', async () => {
    assert.deepEqual(await scores(0.5), [
      [roadsDepartment, 95, 1, 'A'],
      [waterDepartment, 70.83, 2, 'C'],
    ]);
  });

  it('folds the closed round into the scores by the share of the data file, and a heavier share changes the ranking', async () => {
    await t.db.transaction((sql) => closeRound(sql, roundId, at('30 11:00')));
    assert.deepEqual(await scores(0.1), [
      [roadsDepartment, 88.5, 1, 'B'],
      [waterDepartment, 73.75, 2, 'C'],
    ]);
    assert.deepEqual(await scores(0.5), [
      [waterDepartment, 85.42, 1, 'B'],
      [roadsDepartment, 62.5, 2, 'C'],
    ]);
    assert.deepEqual(await scores(0), [
      [roadsDepartment, 95, 1, 'A'],
      [waterDepartment, 70.83, 2, 'C'],
    ]);
  });

  it('counts a rating in the period its case was closed: D (不满意) on Monday, E (基本满意) on Tuesday', async () => {
    const roadsScore = async (share: number, date: string) => {
      const result = await evaluate({ db: t.db, calendar: caseDeps().calendar, indicators: loadIndicatorSet(cityFileWithShare(share)) }, { ...week, period: 'day', date });
      return result.rows.find((row) => row.id === roadsDepartment)?.score as number;
    };
    for (const [date, rating] of [['2026-11-23', 0], ['2026-11-24', 60]] as const) {
      const [without, withHalf] = [await roadsScore(0, date), await roadsScore(0.5, date)];
      // Both are rounded to two decimals, so they agree to within a cent.
      assert.ok(Math.abs(withHalf - (0.5 * without + 0.5 * rating)) <= 0.01, `${date}: ${withHalf} vs ${without}`);
    }
  });

  it('refuses a share outside 0–1 and a scale that lists a level twice', () => {
    assert.throws(() => loadIndicatorSet(cityFileWithShare(1.5)), /thirdPartyReview\/share/);
    const data = JSON.parse(readFileSync(defaultIndicatorFile, 'utf8'));
    data.thirdPartyReview.scale[1].level = 'satisfied';
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'citycase-review-')), 'city.json');
    writeFileSync(file, JSON.stringify(data));
    assert.throws(() => loadIndicatorSet(file), /\/thirdPartyReview\/scale\/1\/level: unique/);
  });
});
