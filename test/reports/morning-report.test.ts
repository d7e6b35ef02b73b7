import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../core/ports/database.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import type { EvaluationDeps } from '../../core/evaluation/evaluate.ts';
import { morningReport } from '../../core/reports/morning-report.ts';
import { renderMorningReport } from '../../core/reports/render-report.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { caseDeps } from '../lifecycle/builders.ts';
import { givenEvaluationHistory, roadsDepartment, waterDepartment } from '../evaluation/fixture.ts';

describe('morning report (晨报) of the hand-computed history', () => {
  let t: TestDatabase;
  let db: Database;
  let ids: Record<string, string>;
  let deps: EvaluationDeps;
  before(async () => {
    t = await openTestDatabase();
    db = t.db;
    ids = await givenEvaluationHistory(db);
    deps = { db, calendar: caseDeps().calendar, indicators: loadIndicatorSet() };
  });
  after(() => t.dispose());

  it("issued on Tuesday 24 November shows Monday's figures", async () => {
    const report = await morningReport(deps, '2026-11-24');
    assert.deepEqual(report.period, { kind: 'day', from: '2026-11-22T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' });
    const water = report.departments.find((d) => d.id === waterDepartment);
    assert.ok(water);
    const value = (id: string) => water.values[report.columns.findIndex((c) => c.id === id)];
    // Monday 23 (hand-computed in test/evaluation): W handed in A, B (late) and C; closed two; H not yet dispatched.
    assert.deepEqual([value('handled'), value('handledLate'), value('overduePending'), value('closed')], [3, 1, 0, 2]);
    const handled = report.columns.findIndex((c) => c.id === 'handled');
    assert.equal(report.totals[handled], report.departments.reduce((sum, d) => sum + (d.values[handled] ?? 0), 0));
    assert.equal(report.columns[handled]?.nameZh, '处置数');
  });

  it('lists the case left overdue at the end of the week (H, of the water company)', async () => {
    const report = await morningReport(deps, '2026-11-30');
    assert.deepEqual(report.overdueCases.map((c) => c.id), [ids.H]);
    assert.equal(report.departments.some((d) => d.id === roadsDepartment || d.id === waterDepartment), true);
  });

  it('renders escaped HTML with the chart as inline SVG and no script', async () => {
    await db.query('UPDATE department SET name_zh = $1 WHERE id = $2', ['<script>alert(1)</script>供水', waterDepartment]);
    const html = renderMorningReport(await morningReport(deps, '2026-11-30'));
    assert.match(html, /数字化城市管理晨报/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;供水/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /<svg[^>]*>/);
    assert.ok(html.includes(`>${(await db.query<{ case_number: string }>('SELECT case_number FROM "case" WHERE id = $1', [ids.H ?? ''])).rows[0]?.case_number}<`));
  });
});
