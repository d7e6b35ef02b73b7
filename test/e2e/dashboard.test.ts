import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('the dashboard in the browser', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let point: { lng: number; lat: number };
  const tokens: Record<string, string> = {};

  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, path, { token: tokens[user], body });
  const report = async () => (await call('acceptor', 'POST', '/api/v1/cases', manholeReport(point))).body.id as string;
  const act = async (user: string, id: string, action: string, body: unknown = {}) => {
    const res = await call(user, 'POST', `/api/v1/cases/${id}/actions/${action}`, body);
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
  };

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'leader']) {
      tokens[user] = (await server.call('POST', '/api/v1/auth/login', { body: { username: user, password } })).body.accessToken;
    }
    // Three reports today: one dispatched, one registered, one only reported.
    for (const step of ['dispatch', 'register', 'report']) {
      const id = await report();
      if (step === 'report') continue;
      await act('acceptor', id, 'confirm', { needsOnSiteCheck: false });
      await act('shiftleader', id, 'register');
      if (step === 'dispatch') await act('dispatcher', id, 'dispatch', { departmentId: 'water-supply' });
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it("shows the API's figures, the trend and the ranking, and follows new reports live", async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'leader');
    await page.goto('/dashboard');
    const figure = (key: string) => page.locator(`[data-test=figure-${key}] [data-test=figure-value]`);
    await figure('reported').getByText('3', { exact: true }).waitFor();

    const { today } = (await call('leader', 'GET', '/api/v1/dashboard')).body;
    const shown: Record<string, string> = {};
    for (const key of ['reported', 'registered', 'dispatched', 'closed', 'overdueNow', 'suspendedNow', 'supervisedNow']) {
      shown[key] = (await figure(key).textContent())?.trim() ?? '';
      assert.equal(shown[key], String(today[key]), key);
    }
    assert.deepEqual([shown.reported, shown.registered, shown.dispatched], ['3', '2', '1']);
    assert.equal((await figure('closureRate').textContent())?.trim(), '0.0%', 'two registered, none closed yet');
    assert.equal((await figure('onTimeRate').textContent())?.trim(), '—', 'nothing closed today to judge');
    assert.ok(await page.locator('[data-test=trend-chart] canvas').count(), 'the trend is drawn');
    await screenshot('dashboard');

    // A new report elsewhere reaches the open dashboard through the event stream, without a reload.
    await report();
    await figure('reported').getByText('4', { exact: true }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await problems(), []);
  });

  it('is not in the menu of a department, and its address is refused', async () => {
    const { page, problems } = await openPage(browser, server.url);
    await signIn(page, 'water-supply');
    assert.equal(await page.locator('.el-menu').getByText('综合看板').count(), 0);
    await page.goto('/dashboard');
    await page.waitForURL('**/forbidden');
    assert.deepEqual(await problems(), []);
  });
});
