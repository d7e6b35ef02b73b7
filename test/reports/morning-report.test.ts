import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../core/ports/database.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import type { EvaluationDeps } from '../../core/evaluation/evaluate.ts';
import { morningReport } from '../../core/reports/morning-report.ts';
import { renderMorningReport } from '../../core/reports/render-report.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import type { Sql } from '../../core/ports/database.ts';
import { superviseCase } from '../../core/case/actions/supervise.ts';
import { feedbackCase } from '../../core/case/actions/feedback.ts';
import { verifyCase } from '../../core/case/actions/verify.ts';
import { closeCase } from '../../core/case/actions/close.ts';
import { actors, caseDeps } from '../lifecycle/builders.ts';
import { at, collectorOne, givenEvaluationHistory, roadsDepartment, waterDepartment } from '../evaluation/fixture.ts';

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

describe('supervised cases (督办) in the morning report', () => {
  let t: TestDatabase;
  let ids: Record<string, string>;
  let deps: EvaluationDeps;
  before(async () => {
    t = await openTestDatabase();
    ids = await givenEvaluationHistory(t.db);
    deps = { db: t.db, calendar: caseDeps().calendar, indicators: loadIndicatorSet() };
    const step = (work: (sql: Sql) => Promise<unknown>) => t.db.transaction(work);
    // H is supervised on Thursday once overdue and handled on Wednesday 2 December; F is supervised on Friday
    // half an hour before it is suspended, and stays pending.
    await step((sql) => superviseCase(sql, { caseId: ids.H ?? '', actor: actors.shiftLeader, at: at('26 15:30') }));
    await step((sql) => superviseCase(sql, { caseId: ids.F ?? '', actor: actors.shiftLeader, at: at('27 10:30') }));
    await step((sql) => feedbackCase(sql, { caseId: ids.H ?? '', actor: actors.department, at: at('02 09:00', '12') }));
    await step((sql) => verifyCase(sql, { caseId: ids.H ?? '', actor: collectorOne, at: at('02 10:00', '12'), passed: true }));
    await step((sql) => closeCase(sql, { caseId: ids.H ?? '', actor: actors.shiftLeader, at: at('02 10:10', '12') }));
  });
  after(() => t.dispose());

  const supervisedOn = async (date: string) => (await morningReport(deps, date)).supervisedCases.map((c) => [c.id, c.status]);

  it('lists the cases supervised and still pending at the end of the day reported, in their status then', async () => {
    assert.deepEqual(await supervisedOn('2026-11-27'), [[ids.H, 'handling']]);
    // F was suspended on Friday after its supervision: still pending (挂账), so still listed.
    assert.deepEqual(await supervisedOn('2026-11-28'), [[ids.H, 'handling'], [ids.F, 'suspended']]);
    const report = await morningReport(deps, '2026-11-27');
    assert.equal(report.supervisedCases[0]?.supervisedAt, at('26 15:30').toISOString());
  });

  it('does not list a supervision made after the day reported, and drops a case once it is closed', async () => {
    assert.deepEqual(await supervisedOn('2026-11-26'), []);
    assert.deepEqual(await supervisedOn('2026-12-02'), [[ids.H, 'handling'], [ids.F, 'handling']]);
    assert.deepEqual(await supervisedOn('2026-12-03'), [[ids.F, 'handling']]);
  });

  it('prints the supervised cases in their own section of the HTML', async () => {
    const number = (await t.db.query<{ case_number: string }>('SELECT case_number FROM "case" WHERE id = $1', [ids.H ?? ''])).rows[0]?.case_number;
    const section = (date: string) => morningReport(deps, date).then((report) => renderMorningReport(report).split('督办案件')[1] ?? '');
    assert.ok(number && (await section('2026-11-27')).includes(`<td>${number}</td>`));
    assert.doesNotMatch(await section('2026-11-26'), /<td>/);
  });
});
