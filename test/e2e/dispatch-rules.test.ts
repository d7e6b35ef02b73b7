import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { dispatchRulesDataDir, seedDispatchRules } from '../../core/dispatch/seed-dispatch-rules.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { catalog, startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, chooseArea, launchBrowser, openPage, password, signIn, type WatchedPage } from './support.ts';

interface Rule {
  id: string;
  classCode: string | null;
  area: Record<string, string> | null;
  departmentId: string;
  autoDispatch: boolean;
  priority: number;
  note: string | null;
}

/** Picks an option of an Element Plus select by its exact label, typing first when the select is searchable. */
async function choose(page: Page, select: string, label: string, typed?: string) {
  await page.locator(select).click();
  if (typed) await page.locator(`${select} input`).fill(typed);
  await page.locator('.el-select-dropdown__item:visible').getByText(label, { exact: true }).click();
}

describe('auto-dispatch rules screen', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let adminToken: string;
  const names: Record<string, string> = {};

  const rules = async (): Promise<Rule[]> => (await server.call('GET', '/api/v1/dispatch-rules', { token: adminToken })).body.items;

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    await t.db.transaction((tx) => seedDispatchRules(tx, path.join(dispatchRulesDataDir, 'demo-city.json'), catalog));
    const { rows } = await t.db.query<{ id: string; name_zh: string }>(
      `SELECT id, name_zh FROM department WHERE id IN ('gas', 'water-supply', 'water-affairs')`,
    );
    for (const row of rows) names[row.id] = row.name_zh;
    server = await startTestServer(t.db);
    adminToken = (await server.call('POST', '/api/v1/auth/login', { body: { username: 'admin', password } })).body.accessToken;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  async function asAdmin(): Promise<WatchedPage> {
    const watched = await openPage(browser, server.url);
    await signIn(watched.page, 'admin');
    await watched.page.locator('[data-test=nav-dispatchRules]').click();
    await watched.page.waitForURL('**/admin/dispatch-rules');
    return watched;
  }

  it('lists the demo rules with class, area and department by name, and filters them', async () => {
    const { page, problems, screenshot } = await asAdmin();
    const total = (await rules()).length;
    await page.getByText(`共 ${total} 条规则`).waitFor();
    const gasName = catalog.getClass('gbt47678', 'event', '01011')?.nameZh;
    const gas = page.locator('[data-test=rule-table] tr', { hasText: 'e-01011-gas' });
    await gas.getByText(`01011 ${gasName}`).waitFor();
    await gas.getByText(names.gas as string, { exact: true }).waitFor();
    await gas.getByText('自动', { exact: true }).waitFor();
    await page.locator('[data-test=rule-table] tr', { hasText: 'e-major-09-market-grid' }).getByText(/^单元网格 110101004002003/).waitFor();
    await page.locator('[data-test=rule-table] tr', { hasText: 'c-01046-street-110101002' }).getByText('街道 110101002').waitFor();
    await screenshot('dispatch-rules');

    await choose(page, '[data-test=rule-filter-department]', names.gas as string);
    await page.getByText('共 2 条规则').waitFor();
    await page.locator('[data-test=rule-filter-kind]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '事件' }).click();
    await page.getByText('共 1 条规则').waitFor();
    assert.equal(await page.locator('[data-test=rule-table] tr', { hasText: 'c-01011-gas' }).count(), 0);
    assert.deepEqual(await problems(), []);
  });

  it('creates, edits and deletes a rule, and refuses an invalid one without creating anything', async () => {
    const { page, problems, screenshot } = await asAdmin();
    const before = (await rules()).length;
    const className = catalog.getClass('gbt47678', 'component', '01024')?.nameZh as string;
    const dialog = page.locator('[data-test=rule-dialog]');

    await page.locator('[data-test=rule-create]').click();
    await dialog.locator('input[name=rule-id]').fill('e-major-09-market-grid');
    await choose(page, '[data-test=rule-class]', `01024 ${className}`, '01024');
    await choose(page, '[data-test=rule-area-level]', '街道');
    await choose(page, '[data-test=rule-department]', names['water-supply'] as string);
    await dialog.locator('[data-test=rule-save]').click();
    await dialog.getByText('9 位街道编码').last().waitFor();

    // The street is found by its name; the id is taken, which only the API can tell, and it names the field.
    await chooseArea(page, '[data-test=rule-area-code]', '景山', '景山街道');
    await dialog.locator('[data-test=rule-save]').click();
    await dialog.locator('.el-form-item__error', { hasText: 'dispatch rule e-major-09-market-grid exists' }).waitFor();
    await screenshot('dispatch-rule-invalid');
    assert.equal((await rules()).length, before, 'the refused rule was not created');
    assert.deepEqual(await problems([409]), []);

    await dialog.locator('input[name=rule-id]').fill('jingshan-wells');
    await dialog.locator('[data-test=rule-auto]').click();
    await dialog.locator('input[name=rule-priority]').fill('5');
    await dialog.locator('textarea[name=rule-note]').fill('景山街道的供水井盖');
    await dialog.locator('[data-test=rule-save]').click();
    const row = page.locator('[data-test=rule-table] tr', { hasText: 'jingshan-wells' });
    await row.getByText(`01024 ${className}`).waitFor();
    await row.getByText('街道 110101002').waitFor();
    await row.getByText(names['water-supply'] as string, { exact: true }).waitFor();
    await row.getByText('自动', { exact: true }).waitFor();
    await page.getByText(`共 ${before + 1} 条规则`).waitFor();
    const created = (await rules()).find((rule) => rule.id === 'jingshan-wells');
    assert.deepEqual(created && [created.classCode, created.area, created.departmentId, created.autoDispatch, created.priority, created.note], [
      '01024', { streetId: '110101002' }, 'water-supply', true, 5, '景山街道的供水井盖',
    ]);

    await row.getByRole('button', { name: '编辑' }).click();
    await dialog.locator('[data-test=rule-area-code]').getByText('景山街道（110101002）').waitFor(); // the dialog shows the rule's street by name
    await choose(page, '[data-test=rule-department]', names['water-affairs'] as string);
    await dialog.locator('[data-test=rule-auto]').click();
    await dialog.locator('[data-test=rule-save]').click();
    await row.getByText(names['water-affairs'] as string, { exact: true }).waitFor();
    await row.getByText('人工', { exact: true }).waitFor();
    const edited = (await rules()).find((rule) => rule.id === 'jingshan-wells');
    assert.deepEqual(edited && [edited.classCode, edited.departmentId, edited.autoDispatch, edited.priority], ['01024', 'water-affairs', false, 5]);

    await row.getByRole('button', { name: '删除' }).click();
    await page.locator('.el-message-box').getByText('jingshan-wells').waitFor();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await page.getByText(`共 ${before} 条规则`).waitFor();
    assert.equal(await row.count(), 0);
    assert.equal((await rules()).some((rule) => rule.id === 'jingshan-wells'), false, 'the rule is gone from the API too');
    assert.deepEqual(await problems(), []);
  });

  it('tries the rules out: where a case of a class in a unit grid would go, and which rule decides', async () => {
    const { page, problems, screenshot } = await asAdmin();
    await page.locator('[data-test=rule-try]').click();
    const dialog = page.locator('[data-test=rule-try-dialog]');
    const stall = catalog.getClass('gbt47678', 'event', '09006')?.nameZh;
    await choose(page, '[data-test=try-class]', `09006 ${stall}`, '09006');
    const marketGrid = '110101004002003';
    await page.locator('[data-test=try-grid]').click();
    await page.locator('[data-test=try-grid] input').fill(marketGrid);
    await page.locator('.el-select-dropdown__item:visible', { hasText: marketGrid }).click();
    await dialog.locator('[data-test=try-run]').click();
    const result = dialog.locator('[data-test=try-result]');
    const market = (await t.db.query<{ name_zh: string }>(`SELECT name_zh FROM department WHERE id = 'district-market-regulation'`)).rows[0]?.name_zh;
    await result.getByText(`派给：${market}`).waitFor();
    await result.getByText(/由规则 e-major-09-market-grid 决定/).waitFor();
    await screenshot('dispatch-rules-try');
    assert.deepEqual(await problems(), []);
  });

  it('is not offered to a dispatcher, and is forbidden when opened directly', async () => {
    const { page, problems } = await openPage(browser, server.url);
    await signIn(page, 'dispatcher');
    await page.locator('[data-test=nav-cases]').waitFor();
    assert.equal(await page.locator('[data-test=main-menu]').getByText('派遣规则').count(), 0);
    await page.goto('/admin/dispatch-rules');
    await page.locator('[data-test=forbidden]').waitFor();
    assert.equal(await page.locator('[data-test=rule-table]').count(), 0);
    assert.deepEqual(await problems(), []);
  });
});
