import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reportCase } from '../../core/case/actions/report.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { hotSpots } from '../../core/evaluation/hot-spots.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { caseDeps, givenDepartments, manholeReport } from '../lifecycle/builders.ts';
import { collectorOne, gridOne, gridTwo, street } from './fixture.ts';

describe('hot spots (高发网格) with the jump alert', () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
    await givenDepartments(t.db);
    const deps = caseDeps();
    const report = (gridCode: string, when: string, times: number) =>
      Array.from({ length: times }, () => t.db.transaction((sql) => reportCase(sql, manholeReport(new Date(`${when}T10:00:00+08:00`), { actor: collectorOne, gridCode, street }), deps)));
    // Four earlier weeks (2 Nov – 29 Nov): grid one 3 a week, grid two 1 a week. Week of 30 Nov: 5 and 6.
    for (const monday of ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']) {
      for (const pending of [...report(gridOne, monday, 3), ...report(gridTwo, monday, 1)]) await pending;
    }
    for (const pending of [...report(gridOne, '2026-12-01', 5), ...report(gridTwo, '2026-12-02', 6)]) await pending;
  });
  after(() => t.dispose());

  it('flags the grid whose count jumped to at least twice its recent mean and five cases', async () => {
    const result = await hotSpots({ db: t.db, calendar: caseDeps().calendar, indicators: loadIndicatorSet() }, { period: 'week', date: '2026-12-03' });
    assert.deepEqual(result.threshold, { factor: 2, previousPeriods: 4, minCases: 5 });
    assert.deepEqual(result.grids.map((g) => [g.gridCode, g.counts, g.previousMean, g.alert]), [
      [gridTwo, [1, 1, 1, 1, 6], 1, true], // 6 ≥ 2 × 1 and ≥ 5
      [gridOne, [3, 3, 3, 3, 5], 3, false], // 5 < 2 × 3
    ]);
  });
});
