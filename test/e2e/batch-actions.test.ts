import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { dispatchRulesDataDir, seedDispatchRules } from '../../core/dispatch/seed-dispatch-rules.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { catalog, startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('batch dispatch from the case list', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  const ids: Record<'sewer1' | 'sewer2' | 'cable', string> = { sewer1: '', sewer2: '', cable: '' };

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    await t.db.transaction((sql) => seedDispatchRules(sql, path.join(dispatchRulesDataDir, 'demo-city.json'), catalog));
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    const token = async (username: string) => (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken as string;
    const acceptor = await token('acceptor');
    const shiftLeader = await token('shiftleader');
    // Two sewer manholes (污水井盖: the rules name 市水务局) and a cable (telecom or power: no rule decides).
    for (const [key, classCode] of [['sewer1', '01002'], ['sewer2', '01002'], ['cable', '10002']] as const) {
      const id = (await server.call('POST', '/api/v1/cases', { token: acceptor, body: manholeReport(point, { classCode }) })).body.id as string;
      assert.equal((await server.call('POST', `/api/v1/cases/${id}/actions/confirm`, { token: acceptor, body: { needsOnSiteCheck: false } })).status, 200);
      assert.equal((await server.call('POST', `/api/v1/cases/${id}/actions/register`, { token: shiftLeader, body: {} })).status, 200);
      ids[key] = id;
    }
    await server.autoDispatch.idle();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('dispatches the ticked cases by the rules and lists the one no rule decides', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'dispatcher');
    await page.goto('/cases');
    const rows = page.locator('[data-test=case-table] .el-table__body-wrapper .el-table__row');
    for (let i = 0; i < 150 && (await rows.count()) !== 3; i++) await page.waitForTimeout(100);
    assert.equal(await rows.count(), 3);
    assert.ok(await page.locator('[data-test=batch-dispatch]').isDisabled(), 'nothing ticked, nothing to do');

    await page.locator('[data-test=case-table] .el-table__header-wrapper .el-checkbox').click();
    await page.locator('[data-test=batch-actions]').getByText('已选 3 件').waitFor();
    await page.locator('[data-test=batch-dispatch]').click();
    const dialog = page.locator('[data-test=batch-dialog]');
    await dialog.getByText('对选中的 3 件案件执行此操作').waitFor();
    await dialog.locator('[data-test=batch-comment]').fill('早班批量派遣');
    await dialog.locator('[data-test=batch-submit]').click();
    await dialog.locator('[data-test=batch-summary]').getByText('成功 2 件，未办理 1 件').waitFor();
    const results = dialog.locator('[data-test=batch-results] .el-table__row');
    assert.equal(await results.count(), 3);
    assert.equal(await results.filter({ hasText: '已办理' }).count(), 2);
    const failed = results.filter({ hasNotText: '已办理' });
    assert.match((await failed.innerText()).replace(/\s+/g, ' '), /departmentId/, 'the undecided case says what is missing');
    await screenshot('batch-dispatch');
    await dialog.locator('[data-test=batch-close]').click();
    await page.locator('[data-test=batch-actions]').getByText('已选 0 件').waitFor();
    assert.equal(await page.locator('[data-test=case-table] .el-table__body-wrapper .el-checkbox.is-checked').count(), 0, 'the next batch starts from nothing ticked');

    await rows.filter({ hasText: '市水务局' }).nth(1).waitFor();
    assert.deepEqual(await problems(), []);
    const stored = await t.db.query<{ id: string; department_id: string | null; status: string }>(
      'SELECT id, department_id, status FROM "case" WHERE id = ANY($1) ORDER BY id', [[ids.sewer1, ids.sewer2, ids.cable]],
    );
    const byId = new Map(stored.rows.map((row) => [row.id, row]));
    assert.equal(byId.get(ids.sewer1)?.department_id, 'water-affairs');
    assert.equal(byId.get(ids.sewer2)?.department_id, 'water-affairs');
    assert.equal(byId.get(ids.cable)?.status, 'registered', 'the undecided case waits for the dispatcher');
    const comments = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_event WHERE action = 'dispatch' AND comment = '早班批量派遣'`);
    assert.equal(comments.rows[0]!.n, 2, 'the comment is on each dispatched case');
  });
});
