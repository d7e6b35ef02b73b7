import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, chooseArea, launchBrowser, openPage, password, signIn, type WatchedPage } from './support.ts';

/** The first demo component: a water-supply manhole cover (供水井盖) in 景山街道. */
const manhole = '11010101001000001';
const newBin = '11010103005900002';

describe('components and waterlogging points admin screens', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let files: string;
  let adminToken: string;

  const componentCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM component')).rows[0]!.n;
  const points = async () =>
    (await server.call('GET', '/api/v1/waterlogging-points', { token: adminToken })).body.items as Array<{
      code: string; nameZh: string; sensorId: string | null; thresholds: { waterloggedDepthCm: number; severeDepthCm: number };
    }>;

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    server = await startTestServer(t.db);
    adminToken = (await server.call('POST', '/api/v1/auth/login', { body: { username: 'admin', password } })).body.accessToken;
    browser = await launchBrowser();
    files = await mkdtemp(path.join(tmpdir(), 'citycase-components-'));
    const { lng, lat } = await pointInCollectorScope(t.db);
    const header = 'code,classCode,lng,lat,name,state';
    await writeFile(path.join(files, 'bad.csv'), [header, `${newBin},03005,${lng},${lat},东华门果皮箱,完好`, `11010103005900003,99999,${lng},${lat},,`].join('\n'));
    await writeFile(path.join(files, 'good.csv'), [header, `${newBin},03005,${lng},${lat},东华门果皮箱,完好`].join('\n'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
    if (files) await rm(files, { recursive: true, force: true });
  });

  async function asAdmin(nav: string, url: string): Promise<WatchedPage> {
    const watched = await openPage(browser, server.url);
    await signIn(watched.page, 'admin');
    await watched.page.locator(`[data-test=nav-${nav}]`).click();
    await watched.page.waitForURL(`**${url}`);
    return watched;
  }

  it('lists the inventory with filters and QR links, imports a CSV showing each bad row, then the fixed file', async () => {
    const { page, problems, screenshot } = await asAdmin('components', '/admin/components');
    const table = page.locator('[data-test=component-table]');
    await table.locator('tr', { hasText: manhole }).getByText('01001 供水井盖').waitFor();
    const link = table.locator('tr', { hasText: manhole }).getByRole('link', { name: 'PNG' });
    assert.equal(await link.getAttribute('href'), `/api/v1/public/components/${manhole}/qr.png`);
    assert.equal((await server.call('GET', (await link.getAttribute('href')) as string)).status, 200);

    await page.locator('input[name=component-q]').fill(manhole);
    await page.locator('[data-test=component-search]').click();
    await page.locator('[data-test=component-pages]').getByText('共 1 条').waitFor();
    await screenshot('components-admin');

    const before = await componentCount();
    await page.locator('[data-test=component-import]').click();
    const dialog = page.locator('[data-test=component-import-dialog]');
    await page.locator('[data-test=component-file]').setInputFiles(path.join(files, 'bad.csv'));
    await dialog.getByText('bad.csv').waitFor();
    await dialog.locator('[data-test=component-import-submit]').click();
    await dialog.locator('[data-test=component-import-result]').getByText('导入失败，未导入任何部件').waitFor();
    const error = dialog.locator('[data-test=component-import-errors] tr', { hasText: '第 3 行' });
    await error.getByText('11010103005900003').waitFor();
    await error.getByText('classCode', { exact: true }).waitFor();
    await screenshot('components-import-errors');
    assert.equal(await componentCount(), before, 'a file with a bad row writes nothing');
    assert.deepEqual(await problems([422]), []);

    await page.locator('[data-test=component-file]').setInputFiles(path.join(files, 'good.csv'));
    await dialog.locator('[data-test=component-import-submit]').click();
    await dialog.getByText('已导入 1 个部件：新增 1，更新 0，未变 0').waitFor();
    assert.equal(await componentCount(), before + 1);
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();
    await page.locator('input[name=component-q]').fill(newBin);
    await page.locator('[data-test=component-search]').click();
    await table.locator('tr', { hasText: newBin }).getByText('东华门果皮箱').waitFor();
    assert.deepEqual(await problems(), []);
  });

  it('prints a street\'s QR sheet in a new window, the street and community found by name', async () => {
    const { page, problems } = await asAdmin('components', '/admin/components');
    await page.locator('[data-test=qr-sheet]').click();
    const dialog = page.locator('[data-test=qr-sheet-dialog]');
    assert.equal(await dialog.locator('[data-test=qr-sheet-open]').isDisabled(), true, 'no sheet before a street is chosen');
    await dialog.locator('[data-test=qr-street]').click();
    await dialog.locator('[data-test=qr-street] input').fill('不存在的街道');
    await page.locator('.el-select-dropdown:visible').getByText('没有匹配的区域').waitFor();
    await chooseArea(page, '[data-test=qr-sheet-dialog] [data-test=qr-street]', '景山', '景山街道');
    // The communities offered are the chosen street's.
    await dialog.locator('[data-test=qr-community]').click();
    const jingshan = (await t.db.query<{ name_zh: string }>(`SELECT name_zh FROM organisation WHERE parent_id = '110101002' ORDER BY id LIMIT 1`)).rows[0]!.name_zh;
    const offered = page.locator('.el-select-dropdown__item:visible');
    await offered.getByText(jingshan, { exact: true }).waitFor();
    assert.equal(await offered.getByText('东华门一社区', { exact: true }).count(), 0, 'another street\'s community is not offered');
    await offered.getByText(jingshan, { exact: true }).click();
    const [sheet] = await Promise.all([page.waitForEvent('popup'), dialog.locator('[data-test=qr-sheet-open]').click()]);
    await sheet.waitForURL(/^blob:/);
    await sheet.getByText('扫码上报问题').first().waitFor();
    assert.match(await sheet.title(), /景山街道 部件二维码/);
    assert.deepEqual(await problems(), []);
  });

  it('creates a waterlogging point, refuses thresholds the wrong way round, and edits it', async () => {
    const { page, problems, screenshot } = await asAdmin('waterlogging', '/admin/waterlogging');
    const table = page.locator('[data-test=wl-table]');
    await table.locator('tr', { hasText: 'DC-JS-004' }).getByText('东便门桥下穿通道').waitFor();
    const before = (await points()).length;

    await page.locator('[data-test=wl-create]').click();
    const dialog = page.locator('[data-test=waterlogging-dialog]');
    await dialog.locator('input[name=wl-code]').fill('DC-JS-007');
    await dialog.locator('input[name=wl-name]').fill('北新桥下穿通道');
    await dialog.locator('input[name=wl-lng]').fill('116.4168');
    await dialog.locator('input[name=wl-lat]').fill('39.9405');
    await dialog.locator('input[name=wl-sensor]').fill('WL-DC-007');
    await dialog.locator('input[name=wl-waterlogged]').fill('20');
    await dialog.locator('input[name=wl-severe]').fill('20');
    await dialog.locator('[data-test=wl-save]').click();
    await dialog.locator('.el-form-item__error', { hasText: '严重积水深度' }).waitFor();
    await screenshot('waterlogging-invalid');
    assert.equal((await points()).length, before, 'the refused point was not created');
    assert.deepEqual(await problems([422]), []);

    await dialog.locator('input[name=wl-severe]').fill('30');
    await dialog.locator('[data-test=wl-save]').click();
    const row = table.locator('tr', { hasText: 'DC-JS-007' });
    await row.getByText('北新桥下穿通道').waitFor();
    await row.getByText('无数据').waitFor();
    await page.getByText(`共 ${before + 1} 个积水点`).waitFor();
    const created = (await points()).find((p) => p.code === 'DC-JS-007');
    assert.deepEqual(created && [created.sensorId, created.thresholds], ['WL-DC-007', { waterloggedDepthCm: 20, severeDepthCm: 30 }]);

    await row.getByRole('button', { name: '编辑' }).click();
    assert.equal(await dialog.locator('input[name=wl-name]').inputValue(), '北新桥下穿通道', 'the dialog shows the point');
    await dialog.locator('input[name=wl-name]').fill('北新桥路口下穿通道');
    await dialog.locator('input[name=wl-severe]').fill('25');
    await dialog.locator('[data-test=wl-save]').click();
    await row.getByText('北新桥路口下穿通道').waitFor();
    await row.getByText('20 / 25 厘米').waitFor();
    const edited = (await points()).find((p) => p.code === 'DC-JS-007');
    assert.deepEqual(edited && [edited.nameZh, edited.thresholds.severeDepthCm], ['北新桥路口下穿通道', 25]);
    await screenshot('waterlogging-admin');

    await row.getByRole('button', { name: '删除' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await page.getByText(`共 ${before} 个积水点`).waitFor();
    assert.equal((await points()).some((p) => p.code === 'DC-JS-007'), false);
    assert.deepEqual(await problems(), []);
  });

  it('is not offered to a dispatcher, and is forbidden when opened directly', async () => {
    const { page, problems } = await openPage(browser, server.url);
    await signIn(page, 'dispatcher');
    await page.locator('[data-test=nav-cases]').waitFor();
    assert.equal(await page.locator('[data-test=main-menu]').getByText('部件管理').count(), 0);
    await page.goto('/admin/waterlogging');
    await page.locator('[data-test=forbidden]').waitFor();
    assert.deepEqual(await problems(), []);
  });
});
