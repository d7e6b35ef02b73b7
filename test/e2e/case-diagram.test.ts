import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('the case page shows the department where its case stands in the diagram', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let caseId: string;

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    const token = async (username: string) => (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken as string;
    const step = async (username: string, action: string, body: unknown) => {
      const res = await server.call('POST', `/api/v1/cases/${caseId}/actions/${action}`, { token: await token(username), body });
      assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    };
    caseId = (await server.call('POST', '/api/v1/cases', { token: await token('acceptor'), body: manholeReport(point) })).body.id;
    await step('acceptor', 'confirm', { needsOnSiteCheck: false });
    await step('shiftleader', 'register', {});
    await step('dispatcher', 'dispatch', { departmentId: 'water-supply' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('marks 处置 as the current step and 核实, 立案, 派遣 as done', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'water-supply');
    await page.goto(`/cases/${caseId}`);
    const diagram = page.locator('[data-test=process-diagram]');
    await diagram.locator('[data-element-id=Task_Handle].case-active').waitFor();
    const done = await diagram.locator('.djs-element.case-completed').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id')));
    assert.deepEqual(done.sort(), ['Task_Confirm', 'Task_Dispatch', 'Task_RegisterDecision']);
    await page.locator('[data-test=diagram-legend]').getByText('已完成环节').waitFor();
    await screenshot('case-diagram-path');
    assert.deepEqual(await problems(), []);
  });
});
