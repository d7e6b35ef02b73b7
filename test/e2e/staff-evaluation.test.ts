import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../core/identity/users.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenStaffWeek } from '../evaluation/staff-fixture.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('staff rankings (人员考评) in the browser', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    t = await openTestDatabase();
    await givenStaffWeek(t.db);
    await createUser(t.db, { username: 'leader', displayName: 'leader', password, roles: ['leader'] });
    server = await startTestServer(t.db);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('ranks the dispatchers of a week, then the shift leaders, with their own indicators', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'leader');
    await page.goto('/evaluation?period=week&date=2026-11-25');
    await page.locator('[data-test=evaluation-subject]').getByText('中心人员').click();
    await page.waitForURL(/subject=staff/);
    const table = page.locator('[data-test=evaluation-table]');
    await table.getByText('钱派遣').waitFor();
    assert.deepEqual(await table.locator('.el-table__body-wrapper [data-test=evaluation-score]').allTextContents(), ['100.00', '50.00']);
    await table.getByText('准确派遣率').first().waitFor();
    await page.locator('[data-test=evaluation-role]').click();
    await page.locator('.el-select-dropdown__item').getByText('值班长').click();
    await page.waitForURL(/role=shift-leader/);
    await table.getByText('周值班长').waitFor();
    assert.deepEqual(await table.locator('.el-table__body-wrapper [data-test=evaluation-score]').allTextContents(), ['80.77', '62.50']);
    await table.getByText('按时结案率').first().waitFor();
    await table.locator('.el-table__body-wrapper .el-tag').filter({ hasText: 'B' }).waitFor();
    await screenshot('staff-evaluation');
    assert.deepEqual(await problems(), []);
  });
});
