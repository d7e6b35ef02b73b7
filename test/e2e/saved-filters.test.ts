import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn, type WatchedPage } from './support.ts';

/** The case numbers the list shows once it has settled on `count` rows. */
async function rowsOnceThere(page: Page, count: number): Promise<string[]> {
  const links = page.locator('[data-test=case-table] .el-table__body-wrapper .el-table__row .mono');
  for (let i = 0; i < 150 && (await links.count()) !== count; i++) await page.waitForTimeout(100);
  assert.equal(await links.count(), count, `the list shows ${count} cases`);
  return links.allInnerTexts();
}

describe('saved filters on the case list', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    const token = (await server.call('POST', '/api/v1/auth/login', { body: { username: 'acceptor', password } })).body.accessToken;
    // Two hotline reports about manhole covers and a collector's report of something else: the filter keeps the first two.
    for (const report of [
      manholeReport(point),
      manholeReport(point, { address: '东华门大街 9 号' }),
      manholeReport(point, { source: 'collector', description: '人行道路面塌陷', reporter: undefined }),
    ]) {
      assert.equal((await server.call('POST', '/api/v1/cases', { token, body: report })).status, 201);
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  async function asDispatcher(): Promise<WatchedPage> {
    const watched = await openPage(browser, server.url);
    await signIn(watched.page, 'dispatcher');
    await watched.page.goto('/cases');
    return watched;
  }

  async function pickSaved(page: Page, name: string) {
    await page.locator('[data-test=saved-filter-select]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: name }).click();
  }

  async function answerPrompt(page: Page, name: string) {
    const box = page.locator('.el-message-box');
    await box.locator('input').fill(name);
    await box.getByRole('button', { name: '保存' }).click();
  }

  it('saves the filtered list, brings it back after a reset, and keeps it for the next sign-in', async () => {
    const { page, problems, screenshot } = await asDispatcher();
    await rowsOnceThere(page, 3);

    await page.locator('[data-test=filter-q]').fill('井盖');
    await page.locator('[data-test=filter-source]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '热线' }).click();
    await page.locator('[data-test=case-filters]').getByRole('button', { name: '查询' }).click();
    const filtered = await rowsOnceThere(page, 2);

    await page.locator('[data-test=saved-filter-save]').click();
    await answerPrompt(page, '热线井盖');
    await page.locator('.el-message--success').getByText('已保存为“热线井盖”').waitFor();
    await page.locator('[data-test=saved-filter-select]').getByText('热线井盖').waitFor();

    // The prompt refuses a name already taken before anything is sent.
    await page.locator('[data-test=saved-filter-save]').click();
    await page.locator('.el-message-box input').fill('热线井盖');
    await page.locator('.el-message-box').getByRole('button', { name: '保存' }).click();
    await page.locator('.el-message-box').getByText('已有名为“热线井盖”的筛选').waitFor();
    await page.locator('.el-message-box').getByRole('button', { name: '取消' }).click();
    await page.locator('.el-message-box').waitFor({ state: 'hidden' });

    await page.locator('[data-test=filter-reset]').click();
    await rowsOnceThere(page, 3);
    assert.equal(await page.locator('[data-test=filter-q]').inputValue(), '');
    assert.equal(await page.locator('[data-test=saved-filter-rename]').count(), 0, 'no saved filter is showing after the reset');

    await pickSaved(page, '热线井盖');
    assert.deepEqual(await rowsOnceThere(page, 2), filtered, 'the same rows as before saving');
    assert.equal(await page.locator('[data-test=filter-q]').inputValue(), '井盖', 'the form shows the saved filter');
    await page.locator('[data-test=filter-source]').getByText('热线').waitFor();
    await screenshot('saved-filters');
    assert.deepEqual(await problems(), []);
    await page.context().close();

    const again = await asDispatcher();
    await rowsOnceThere(again.page, 3);
    await pickSaved(again.page, '热线井盖');
    assert.deepEqual(await rowsOnceThere(again.page, 2), filtered, 'kept on the server, not in the browser');
    assert.deepEqual(await again.problems(), []);
    await again.page.context().close();
  });

  it('shares a filter with colleagues, who apply it but cannot change it', async () => {
    const { page, problems } = await asDispatcher();
    await rowsOnceThere(page, 3);
    await pickSaved(page, '热线井盖');
    const filtered = await rowsOnceThere(page, 2);
    await page.locator('[data-test=saved-filter-share]').getByText('共享给同事').click();
    await page.locator('.el-message--success').getByText('“热线井盖”已共享给同事').waitFor();
    await page.locator('[data-test=saved-filter-share]').getByText('取消共享').waitFor();
    assert.deepEqual(await problems(), []);
    await page.context().close();

    const colleague = await openPage(browser, server.url);
    await signIn(colleague.page, 'shiftleader');
    await colleague.page.goto('/cases');
    await rowsOnceThere(colleague.page, 3);
    await colleague.page.locator('[data-test=saved-filter-select]').click();
    await colleague.page.locator('.el-select-group__title:visible', { hasText: '同事共享' }).waitFor();
    await colleague.page.locator('.el-select-dropdown__item:visible', { hasText: '热线井盖（派遣员 共享）' }).click();
    assert.deepEqual(await rowsOnceThere(colleague.page, 2), filtered, 'the colleague\'s list filtered the same way');
    assert.equal(await colleague.page.locator('[data-test=saved-filter-rename]').count(), 0, 'only the owner renames');
    assert.equal(await colleague.page.locator('[data-test=saved-filter-delete]').count(), 0, 'only the owner deletes');
    assert.deepEqual(await colleague.problems(), []);
    await colleague.page.context().close();
  });

  it('renames and deletes a saved filter', async () => {
    const { page, problems } = await asDispatcher();
    await rowsOnceThere(page, 3);
    await pickSaved(page, '热线井盖');
    await rowsOnceThere(page, 2);

    await page.locator('[data-test=saved-filter-rename]').click();
    await answerPrompt(page, '热线井盖 · 办理中');
    await page.locator('[data-test=saved-filter-select]').getByText('热线井盖 · 办理中').waitFor();

    await page.locator('[data-test=saved-filter-delete]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await page.locator('[data-test=saved-filter-delete]').waitFor({ state: 'detached' });
    await page.locator('[data-test=saved-filter-select]').click();
    await page.locator('.el-select-dropdown:visible').getByText('暂无保存的筛选').waitFor();
    assert.deepEqual(await problems(), []);
    await page.context().close();

    const login = await server.call('POST', '/api/v1/auth/login', { body: { username: 'dispatcher', password } });
    const stored = await server.call('GET', '/api/v1/saved-filters', { token: login.body.accessToken });
    assert.deepEqual(stored.body.items, []);
  });
});
