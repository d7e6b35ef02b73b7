import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn, type WatchedPage } from './support.ts';

describe('a case from intake to close, through the UI as each role', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let unitGrid: string;
  let caseNumber = '';
  let casePath = '';

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    const login = await server.call('POST', '/api/v1/auth/login', { body: { username: 'acceptor', password } });
    const place = await server.call('GET', `/api/v1/grids/locate?lng=${point.lng}&lat=${point.lat}`, { token: login.body.accessToken });
    unitGrid = place.body.gridCode;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  async function as(username: string): Promise<WatchedPage> {
    const watched = await openPage(browser, server.url);
    await signIn(watched.page, username);
    return watched;
  }

  type Fill = (form: ReturnType<WatchedPage['page']['locator']>) => Promise<void>;

  /** Opens our case's task from the inbox: its case at a glance and the actions that complete it. */
  async function openTask({ page }: WatchedPage, tab: 'group' | 'mine' = 'group') {
    await page.goto('/tasks');
    if (tab === 'mine') await page.locator('[data-test=inbox-view]').getByText('我的任务', { exact: false }).click();
    await page.locator(`[data-test=work-${caseNumber}]`).click();
    await page.locator('[data-test=task-glance]').waitFor();
    await page.locator('.dialog-fade-enter-active').waitFor({ state: 'detached' });
  }

  /** From the inbox to the case page of our case. */
  async function openFromInbox(w: WatchedPage) {
    await openTask(w);
    await w.page.locator('[data-test=task-case-link]').click();
    await w.page.waitForURL(`**${casePath}`);
  }

  async function fillAndSubmit({ page }: WatchedPage, fill: Fill) {
    const form = page.locator('[data-test=action-form]');
    await form.waitFor();
    await fill(form);
    await page.locator('[data-test=action-submit]').click();
    await form.waitFor({ state: 'hidden' });
  }

  /** An action on the case page. */
  async function act(w: WatchedPage, action: string, fill: Fill = async () => {}) {
    await w.page.locator(`[data-test=case-actions] [data-action=${action}]`).click();
    await fillAndSubmit(w, fill);
  }

  /** An action straight from the inbox, which then no longer lists the task. */
  async function actFromInbox(w: WatchedPage, action: string, fill: Fill = async () => {}, tab: 'group' | 'mine' = 'group') {
    await openTask(w, tab);
    await w.page.locator(`.el-dialog [data-action=${action}]`).click();
    await fillAndSubmit(w, fill);
    await w.page.locator(`[data-test=work-${caseNumber}]`).waitFor({ state: 'detached' });
  }

  const status = (w: WatchedPage) => w.page.locator('[data-test=case-status]');

  it('reports at intake with the grid shown at once, and opens the new case', async () => {
    const w = await as('acceptor');
    const { page } = w;
    await page.goto('/intake');
    await page.locator('[data-test=class-picker]').click();
    await page.keyboard.type('01001');
    await page.locator('.el-select-dropdown__item').getByText('01001 供水井盖异常').click();
    await page.locator('[data-test=intake-description]').fill('东华门大街供水井盖破损，行人有踩空危险');
    await page.locator('[data-test=intake-address]').fill('东华门大街 1 号');
    await page.locator(`path.grid-${unitGrid}`).click();
    await page.locator('[data-test=intake-place]').getByText(unitGrid).waitFor();
    await w.screenshot('intake');
    await page.locator('[data-test=intake-submit]').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    casePath = new URL(page.url()).pathname;
    caseNumber = (await page.locator('[data-test=case-number]').innerText()).trim();
    assert.match(caseNumber, /^\d{13}$/);
    await status(w).getByText('待受理').waitFor();
    await page.locator('[data-test=case-header]').getByText('供水井盖异常').waitFor();
    await w.screenshot('case-reported');

    await act(w, 'confirm');
    assert.equal(await page.locator('[data-test=case-actions] [data-action=confirm]').count(), 0, 'confirmed once');
    assert.deepEqual(await w.problems(), []);
  });

  it('is registered by the shift leader and dispatched by the dispatcher, from their inboxes', async () => {
    const leader = await as('shiftleader');
    await actFromInbox(leader, 'register', (form) => form.locator('[data-field=comment] textarea').fill('符合立案条件'));
    assert.deepEqual(await leader.problems(), []);

    const dispatcher = await as('dispatcher');
    await actFromInbox(dispatcher, 'dispatch', async (form) => {
      await form.locator('[data-test=department-select]').click();
      await dispatcher.page.locator('.el-select-dropdown__item').getByText('市自来水公司', { exact: true }).click();
    });
    await dispatcher.page.goto(casePath);
    await status(dispatcher).getByText('处置中', { exact: false }).waitFor();
    await dispatcher.page.locator('[data-test=case-header]').getByText('市自来水公司').waitFor();
    await dispatcher.page.locator('[data-test=remaining-light][data-light=green]').waitFor();
    await dispatcher.screenshot('case-dispatched');
    assert.deepEqual(await dispatcher.problems(), []);
  });

  it('is claimed by the department, which asks for more time; the dispatcher approves seeing the reason', async () => {
    const department = await as('water-supply');
    await department.page.goto('/tasks');
    await department.page.locator(`[data-test=claim-${caseNumber}]`).click();
    await department.page.locator('[data-test=inbox-view]').getByText('我的任务（1）').waitFor();
    await department.screenshot('inbox');
    await actFromInbox(department, 'request-extension', async (form) => {
      await form.locator('[data-field=extensionLimit] input').fill('2 工作日');
      await form.locator('[data-field=comment] textarea').fill('需更换整套井座');
    }, 'mine');
    assert.deepEqual(await department.problems(), []);

    const dispatcher = await as('dispatcher');
    await openTask(dispatcher);
    await dispatcher.page.locator('[data-test=task-glance]').getByText('需更换整套井座', { exact: false }).waitFor();
    await dispatcher.screenshot('approval');
    await dispatcher.page.locator('.el-dialog [data-action=approve]').click();
    await fillAndSubmit(dispatcher, (form) => form.getByText('同意', { exact: true }).click());
    assert.deepEqual(await dispatcher.problems(), []);
  });

  it('fails its first verification, is reworked, and passes the second', async () => {
    const department = await as('water-supply');
    // The extension's approval opens a new handling task, offered to the department again.
    await actFromInbox(department, 'handle', (form) => form.locator('[data-field=comment] textarea').fill('已临时加固井盖'));

    const collector = await as('collector');
    await actFromInbox(collector, 'verify', async (form) => {
      await form.getByText('未解决，返工').click();
      await form.locator('[data-field=comment] textarea').fill('井盖仍松动');
    });

    await department.page.goto('/tasks');
    await department.page.locator(`[data-test=work-${caseNumber}]`).waitFor();
    await actFromInbox(department, 'handle', (form) => form.locator('[data-field=comment] textarea').fill('已更换井盖'));

    await actFromInbox(collector, 'verify', async (form) => {
      await form.getByText('已解决，通过').click();
      await form.locator('[data-field=comment] textarea').fill('现场已修复');
    });
    assert.deepEqual(await department.problems(), []);
    assert.deepEqual(await collector.problems(), []);
  });

  it('is closed by the shift leader on the case page, with the whole history shown', async () => {
    const leader = await as('shiftleader');
    await openFromInbox(leader);
    await act(leader, 'close');
    await status(leader).getByText('已结案').waitFor();
    assert.equal(await leader.page.locator('[data-test=case-actions] [data-action]').count(), 0, 'nothing left to do');
    for (const step of ['上报', '立案', '派遣', '申请延期', '处置反馈', '核查', '结案']) {
      await leader.page.locator('[data-test=case-history]').getByText(step, { exact: true }).first().waitFor();
    }
    await leader.page.locator('[data-test=case-history]').getByText('井盖仍松动').waitFor();
    await leader.screenshot('case-closed');
    await leader.page.goto('/cases');
    await leader.page.locator('[data-test=case-table]').getByText(caseNumber).waitFor();
    await leader.screenshot('case-list');
    assert.deepEqual(await leader.problems(), []);
  });
});
