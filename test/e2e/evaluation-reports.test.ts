import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../core/identity/users.ts';
import type { Role } from '../../core/identity/roles.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenEvaluationHistory, roadsDepartment, waterDepartment } from '../evaluation/fixture.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('rankings and reports in the browser', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let caseNumberOfH = '';

  before(async () => {
    t = await openTestDatabase();
    const ids = await givenEvaluationHistory(t.db);
    caseNumberOfH = (await t.db.query<{ case_number: string }>('SELECT case_number FROM "case" WHERE id = $1', [ids.H ?? ''])).rows[0]?.case_number ?? '';
    const users: [string, Role[], string | null][] = [['leader', ['leader'], null], ['water', ['department'], waterDepartment], ['dispatcher', ['dispatcher'], null]];
    for (const [username, roles, departmentId] of users) await createUser(t.db, { username, displayName: username, password, roles, departmentId });
    server = await startTestServer(t.db);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('ranks the departments of a week and opens the cases behind a figure', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'leader');
    await page.goto('/evaluation?subject=department&period=week&date=2026-11-24');
    const table = page.locator('[data-test=evaluation-table]');
    await table.getByText('95.00', { exact: true }).waitFor();
    const scores = await table.locator('.el-table__body-wrapper [data-test=evaluation-score]').allTextContents();
    assert.deepEqual(scores, ['95.00', '70.83']);
    await table.getByText('按期处置率').first().waitFor();
    await page.locator(`.el-table__body-wrapper [data-test=figure-${waterDepartment}-overduePending]`).click();
    const drill = page.locator('[data-test=drill-down]');
    await drill.getByText(caseNumberOfH).waitFor();
    await screenshot('evaluation-drill-down');
    await page.locator('.el-dialog__headerbtn').click();
    // The query is kept in the address, so a changed date is a link that opens the same ranking.
    await page.locator('input[data-test=evaluation-date]').fill('2026-11-17');
    await page.waitForURL(/date=2026-11-17/);
    await table.getByText('100.00', { exact: true }).waitFor();
    assert.deepEqual(await problems(), []);
  });

  it('shows a department its own row only, without the other subjects', async () => {
    const { page, problems } = await openPage(browser, server.url);
    await signIn(page, 'water');
    await page.goto('/evaluation?subject=region&period=week&date=2026-11-24');
    const table = page.locator('[data-test=evaluation-table]');
    await table.getByText('70.83', { exact: true }).waitFor();
    assert.equal(await page.locator('[data-test=evaluation-subject]').count(), 0);
    assert.equal(await table.locator(`.el-table__body-wrapper [data-test=figure-${roadsDepartment}-handled]`).count(), 0);
    await page.goto('/reports');
    await page.waitForURL(/\/forbidden/);
    assert.deepEqual(await problems(), []);
  });

  it('generates a weekly report, shows it, and lists it for a dispatcher who may only read', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'leader');
    await page.goto('/reports');
    await page.locator('input[data-test=new-report-date]').fill('2026-11-30');
    await page.locator('[data-test=generate-report]').click();
    const frame = page.frameLocator('[data-test=report-frame]');
    await frame.getByText('数字化城市管理周报').waitFor();
    await frame.getByText('统计时段：2026-11-23 至 2026-11-29').waitFor();
    await screenshot('weekly-report');
    await page.locator('.el-dialog__headerbtn').click();
    await page.locator('[data-test=reports-table]').getByText('2026-11-23 ~ 2026-11-29').waitFor();
    assert.deepEqual(await problems(), []);

    const reader = await openPage(browser, server.url);
    await signIn(reader.page, 'dispatcher');
    await reader.page.goto('/reports');
    await reader.page.locator('[data-test=reports-table]').getByText('2026-11-23 ~ 2026-11-29').waitFor();
    assert.equal(await reader.page.locator('[data-test=generate-report]').count(), 0);
    assert.deepEqual(await reader.problems(), []);
  });
});
