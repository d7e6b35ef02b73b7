import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('the approvals inbox', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  let extending = { id: '', caseNumber: '', deadline: '' };
  let returning = '';

  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, path, { token: tokens[user], body });
  const act = async (user: string, id: string, action: string, body: unknown = {}) => {
    const res = await call(user, 'POST', `/api/v1/cases/${id}/actions/${action}`, body);
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'water-supply']) {
      tokens[user] = (await server.call('POST', '/api/v1/auth/login', { body: { username: user, password } })).body.accessToken;
    }
    const handling = async () => {
      const created = (await call('acceptor', 'POST', '/api/v1/cases', manholeReport(point))).body;
      await act('acceptor', created.id, 'confirm', { needsOnSiteCheck: false });
      await act('shiftleader', created.id, 'register');
      const dispatched = await act('dispatcher', created.id, 'dispatch', { departmentId: 'water-supply' });
      return { id: created.id as string, caseNumber: created.caseNumber as string, deadline: dispatched.deadline as string };
    };
    extending = await handling();
    await act('water-supply', extending.id, 'request-extension', { limit: '2 工作日', reason: '需要采购新井盖' });
    returning = (await handling()).caseNumber;
    const returned = (await call('water-supply', 'GET', `/api/v1/cases?q=${returning}`)).body.items[0].id;
    await act('water-supply', returned, 'request-return', { comment: '该井盖不属于本单位' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('lists the waiting requests with their reasons and approves an extension from the list', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'dispatcher');
    await page.locator('.el-menu').getByText('审批待办').click();
    await page.waitForURL('**/approvals');
    const table = page.locator('[data-test=approvals-table]');
    const extensionRow = table.locator('.el-table__row', { hasText: extending.caseNumber });
    await extensionRow.getByText('需要采购新井盖').waitFor();
    await extensionRow.getByText('申请延期：2 工作日').waitFor();
    await extensionRow.getByText('延期', { exact: true }).waitFor();
    await table.locator('.el-table__row', { hasText: returning }).getByText('该井盖不属于本单位').waitFor();
    await page.locator('[data-test=approval-kinds]').getByText('延期 1').click();
    assert.equal(await table.locator('.el-table__body-wrapper .el-table__row').count(), 1, 'filtered to the extension requests');
    await screenshot('approvals');

    await page.locator(`[data-test=decide-${extending.caseNumber}]`).click();
    const form = page.locator('[data-test=action-form]');
    await form.getByText('同意', { exact: true }).click();
    await form.locator('textarea').fill('同意延期两个工作日');
    await page.locator('[data-test=action-submit]').click();
    await page.getByText('暂无待审批的申请').waitFor();

    const after = (await call('dispatcher', 'GET', `/api/v1/cases/${extending.id}`)).body;
    assert.equal(after.status, 'handling');
    assert.equal(after.extensionCount, 1);
    assert.ok(new Date(after.deadline) > new Date(extending.deadline), 'the deadline moved');
    await page.locator('[data-test=approval-kinds]').getByText('全部', { exact: false }).click();
    assert.equal(await table.locator('.el-table__body-wrapper .el-table__row').count(), 1, 'only the return request is left');
    assert.deepEqual(await problems(), []);
  });
});
