import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../core/ports/database.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { drillDown, evaluate, type EvaluationRow } from '../../core/evaluation/evaluate.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { caseDeps } from '../lifecycle/builders.ts';
import { collectorOne, collectorTwo, givenEvaluationHistory, gridOne, gridTwo, roadsDepartment, street, waterDepartment } from './fixture.ts';

const week = { period: 'week', date: '2026-11-25' } as const;

describe('evaluation of the hand-computed week', () => {
  let t: TestDatabase;
  let db: Database;
  let ids: Record<string, string>;
  let deps: Parameters<typeof evaluate>[0];
  before(async () => {
    t = await openTestDatabase();
    db = t.db;
    ids = await givenEvaluationHistory(db);
    deps = { db, calendar: caseDeps().calendar, indicators: loadIndicatorSet() };
  });
  after(() => t.dispose());

  const row = (rows: EvaluationRow[], id: string) => {
    const found = rows.find((candidate) => candidate.id === id);
    assert.ok(found, `no row for ${id}`);
    return found;
  };

  it('scores departments: W with a late, a reworked and an overdue case; R with a return taken over, an extension and a suspension', async () => {
    const result = await evaluate(deps, { subject: 'department', ...week });
    assert.deepEqual(result.period, { kind: 'week', from: '2026-11-22T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' });
    assert.deepEqual(result.rows.map((r) => r.id), [roadsDepartment, waterDepartment]);
    // W: handled A (on time), B (late), C (last hand-in 16:00 ≤ rework deadline 16:30); H overdue and not handed in;
    // G voided and D returned count nowhere but in 回退数. 应处置 = {A,B,C,H} = 4.
    // Score = (30×75 + 20×50 + 20×(1 − 1/3)×100 + 20×(1 − 1/4)×100 + 10×100) / 100 = 70.83 → C.
    const water = row(result.rows, waterDepartment);
    assert.deepEqual(water.indicators, {
      handled: 3, handledOnTime: 2, handledLate: 1, overduePending: 1, toHandle: 4,
      handlingRate: 0.75, onTimeHandlingRate: 0.5, overduePendingRate: 0.25,
      reworked: 1, reworkRate: 1 / 3, returned: 1, extended: 0, extensionRate: 0, suspended: 0,
      closed: 3, closedOnTime: 2, toClose: 4, closureRate: 0.75, onTimeClosureRate: 0.5,
    });
    assert.deepEqual([water.name, water.score, water.rank, water.grade], ['市供水公司', 70.83, 2, 'C']);
    // R: D and E handled on time (E only because the extension moved its deadline to Tue 15:00); F suspended at
    // the period end, so its passed deadline does not make it overdue. Score = (3000 + 2000 + 2000 + 2000 + 10×50) / 100 = 95 → A.
    const roads = row(result.rows, roadsDepartment);
    assert.deepEqual(roads.indicators, {
      handled: 2, handledOnTime: 2, handledLate: 0, overduePending: 0, toHandle: 2,
      handlingRate: 1, onTimeHandlingRate: 1, overduePendingRate: 0,
      reworked: 0, reworkRate: 0, returned: 0, extended: 1, extensionRate: 0.5, suspended: 1,
      closed: 2, closedOnTime: 2, toClose: 2, closureRate: 1, onTimeClosureRate: 1,
    });
    assert.deepEqual([roads.score, roads.rank, roads.grade], [95, 1, 'A']);
  });

  it('scores collectors on valid reports and timely confirmation and verification', async () => {
    const result = await evaluate(deps, { subject: 'collector', ...week });
    // C1: reported A B D F H I (J is last week); all but the rejected I registered → 5/6. Confirmed D at 09:30,
    // due 09:00 → 0/1. Verified A and D within 1 工作时 → 2/2. Every problem came from a collector, so no 漏报 (0/6).
    // Score = (40×500/6 + 20×100 + 20×0 + 20×100) / 100 = 73.33 → C.
    const one = row(result.rows, String(collectorOne.id));
    assert.deepEqual(one.indicators, {
      reported: 6, validReports: 5, validReportRate: 5 / 6, missedReports: 0, shouldReport: 6, missedReportRate: 0,
      confirmed: 1, confirmedOnTime: 0, onTimeConfirmationRate: 0, verified: 2, verifiedOnTime: 2, onTimeVerificationRate: 1,
    });
    assert.deepEqual([one.name, one.score, one.rank, one.grade], ['张监督', 73.33, 2, 'C']);
    // C2: reported C E G, all registered (G voided later is still a valid report) → 3/3. Confirmed C on time → 1/1.
    // Verified B late (Tue 10:00 > Mon 17:00), C and E on time → 2/3. Score = (4000 + 2000 + 2000 + 20×200/3) / 100
    // = 93.33 → A.
    const two = row(result.rows, String(collectorTwo.id));
    assert.deepEqual(two.indicators, {
      reported: 3, validReports: 3, validReportRate: 1, missedReports: 0, shouldReport: 3, missedReportRate: 0,
      confirmed: 1, confirmedOnTime: 1, onTimeConfirmationRate: 1, verified: 3, verifiedOnTime: 2, onTimeVerificationRate: 2 / 3,
    });
    assert.deepEqual([two.name, two.score, two.rank, two.grade], ['陈监督', 93.33, 1, 'A']);
  });

  it('scores unit grids on closure', async () => {
    const result = await evaluate(deps, { subject: 'region', ...week });
    // Grid 1: A B E G I occurred, I rejected; A B E closed, B late → closure 3/3, on time 2/3 → 83.33 → B.
    assert.deepEqual(row(result.rows, gridOne), {
      id: gridOne, name: gridOne, score: 83.33, rank: 1, grade: 'B',
      indicators: { occurred: 5, registered: 4, closed: 3, closedOnTime: 2, overduePending: 0, toClose: 3, closureRate: 1, onTimeClosureRate: 2 / 3 },
    });
    // Grid 2: C D F H occurred and registered; C D closed on time; H overdue; F suspended → 2/3 and 2/3 → 66.67 → C.
    assert.deepEqual(row(result.rows, gridTwo), {
      id: gridTwo, name: gridTwo, score: 66.67, rank: 2, grade: 'C',
      indicators: { occurred: 4, registered: 4, closed: 2, closedOnTime: 2, overduePending: 1, toClose: 3, closureRate: 2 / 3, onTimeClosureRate: 2 / 3 },
    });
  });

  it('adds grids up to their street', async () => {
    // Both grids: closed 3 + 2, on time 2 + 2, overdue H → closure 5/6, on time 4/6 → (50×500/6 + 50×400/6) / 100 = 75 → B.
    const result = await evaluate(deps, { subject: 'region', ...week, regionLevel: 'street' });
    assert.deepEqual(result.rows, [{
      id: street, name: street, score: 75, rank: 1, grade: 'B',
      indicators: { occurred: 9, registered: 8, closed: 5, closedOnTime: 4, overduePending: 1, toClose: 6, closureRate: 5 / 6, onTimeClosureRate: 4 / 6 },
    }]);
  });

  it('recomputes an earlier period from the same history', async () => {
    // Week of 16–22 November: only J, handled on time and closed by W.
    const result = await evaluate(deps, { subject: 'department', period: 'week', date: '2026-11-20' });
    assert.deepEqual(result.rows.map((r) => [r.id, r.indicators.handled, r.indicators.closed, r.score, r.grade]), [[waterDepartment, 1, 1, 100, 'A']]);
    // Monday 23 alone: B is handed in late, H is not yet dispatched, C's rework is on the same day.
    const monday = await evaluate(deps, { subject: 'department', period: 'day', date: '2026-11-23' });
    const water = row(monday.rows, waterDepartment);
    assert.deepEqual([water.indicators.handled, water.indicators.handledLate, water.indicators.overduePending, water.indicators.closed], [3, 1, 0, 2]);
  });

  it('names the cases behind every number', async () => {
    const onTime = await drillDown(deps, { subject: 'department', ...week, id: waterDepartment, indicator: 'onTimeHandlingRate' });
    assert.deepEqual(new Set(onTime.cases.map((c) => c.id)), new Set([ids.A, ids.C]));
    assert.deepEqual(new Set(onTime.denominatorCases?.map((c) => c.id)), new Set([ids.A, ids.B, ids.C, ids.H]));
    const suspended = await drillDown(deps, { subject: 'department', ...week, id: roadsDepartment, indicator: 'suspended' });
    assert.deepEqual(suspended.cases.map((c) => [c.id, c.status]), [[ids.F, 'handling']]);
    const nobody = await drillDown(deps, { subject: 'collector', ...week, id: '999', indicator: 'reported' });
    assert.deepEqual(nobody.cases, []);
    await assert.rejects(drillDown(deps, { subject: 'region', ...week, id: gridOne, indicator: 'handled' }), { name: 'NotFound' });
  });
});
