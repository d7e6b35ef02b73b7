import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import type { EvaluationDeps } from '../../core/evaluation/evaluate.ts';
import { periodReport } from '../../core/reports/period-report.ts';
import { renderPeriodReport } from '../../core/reports/render-report.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { caseDeps } from '../lifecycle/builders.ts';
import { givenEvaluationHistory, roadsDepartment, street, waterDepartment } from '../evaluation/fixture.ts';

describe('weekly and monthly reports (周报 / 月报) of the hand-computed history', () => {
  let t: TestDatabase;
  let ids: Record<string, string>;
  let deps: EvaluationDeps;
  before(async () => {
    t = await openTestDatabase();
    ids = await givenEvaluationHistory(t.db);
    deps = { db: t.db, calendar: caseDeps().calendar, indicators: loadIndicatorSet() };
  });
  after(() => t.dispose());

  it('issued on Monday 30 November, covers the week before and ranks its departments as the evaluation does', async () => {
    const report = await periodReport(deps, 'weekly', '2026-11-30');
    assert.deepEqual(report.period, { kind: 'week', from: '2026-11-22T16:00:00.000Z', to: '2026-11-29T16:00:00.000Z' });
    // Scores worked out in test/evaluation/evaluation.test.ts: R 95 (A), W 70.83 (C).
    assert.deepEqual(report.departments.rows.map((r) => [r.rank, r.id, r.score, r.grade]), [[1, roadsDepartment, 95, 'A'], [2, waterDepartment, 70.83, 'C']]);
    const column = (id: string) => report.departments.columns.findIndex((c) => c.id === id);
    assert.deepEqual(report.departments.rows[1]?.values[column('toHandle')], 4);
    assert.deepEqual(report.streets.rows.map((r) => r.name), [street]);
  });

  it('sets the totals against the week before (环比)', async () => {
    const report = await periodReport(deps, 'weekly', '2026-11-30');
    assert.deepEqual(report.totalColumns.map((c) => c.id), ['toHandle', 'handled', 'handledOnTime', 'closed', 'overduePending']);
    // This week: W {A,B,C,H} + R {D,E} to handle; W handled 3 (2 on time), R 2 (on time); 5 closed; H overdue.
    // The week before: J alone, handled on time and closed.
    assert.deepEqual(report.totals, { current: [6, 5, 4, 5, 1], previous: [1, 1, 1, 1, 0] });
  });

  it('shows the trend and hot spots of 问题发生数 by grid and by class', async () => {
    const report = await periodReport(deps, 'weekly', '2026-11-30');
    assert.deepEqual(report.trend, { labels: ['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'], occurred: [0, 0, 0, 1, 9] });
    // Grid 1: A B E G I; grid 2: C D F H.
    assert.deepEqual(report.hotGrids.map((g) => [g.gridCode, g.counts.at(-1)]), [['110101001001001', 5], ['110101001001002', 4]]);
    assert.equal(report.hotClasses.length, 1);
    assert.equal(report.hotClasses[0]?.count, 9);
  });

  it('lists the case longest overdue with the working hours past its deadline at the period end', async () => {
    const weekly = await periodReport(deps, 'weekly', '2026-11-30');
    // H: due Thu 26 15:00; overdue Thu 15–18 (3 h) and Fri 08–12, 14–18 (8 h); the weekend does not count.
    assert.deepEqual(weekly.worstOverdue.map((c) => [c.id, c.overdueHours, c.deadline]), [[ids.H, 11, '2026-11-26T07:00:00.000Z']]);
    const monthly = await periodReport(deps, 'monthly', '2026-12-01');
    assert.deepEqual(monthly.period, { kind: 'month', from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    // To the end of November: Monday 30 adds 8 working hours; F is suspended then, so it is not overdue.
    assert.deepEqual(monthly.worstOverdue.map((c) => [c.id, c.overdueHours]), [[ids.H, 19]]);
    assert.deepEqual(monthly.totals.current, [7, 6, 5, 6, 1]);
  });

  it('renders escaped HTML with percentages and the charts as inline SVG', async () => {
    await t.db.query('UPDATE department SET name_zh = $1 WHERE id = $2', ['<b>供水</b>', waterDepartment]);
    const html = renderPeriodReport(await periodReport(deps, 'weekly', '2026-11-30'));
    assert.match(html, /数字化城市管理周报/);
    assert.match(html, /统计时段：2026-11-23 至 2026-11-29/);
    assert.match(html, /&lt;b&gt;供水&lt;\/b&gt;/);
    assert.match(html, />50\.0%</);
    assert.equal((html.match(/<svg/g) ?? []).length, 2);
    assert.doesNotMatch(html, /<script/);
    assert.match(renderPeriodReport(await periodReport(deps, 'monthly', '2026-12-01')), /数字化城市管理月报/);
  });
});
