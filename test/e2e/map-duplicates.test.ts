import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { centroid, type AreaGeometry } from '../../core/geo/index.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('likely duplicates nearby at intake', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let unitGrid = '';
  let existing = '';

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    const token = (await server.call('POST', '/api/v1/auth/login', { body: { username: 'acceptor', password } })).body.accessToken;
    unitGrid = (await server.call('GET', `/api/v1/grids/locate?lng=${point.lng}&lat=${point.lat}`, { token })).body.gridCode;
    // At the grid's centre, where a click on the grid lands: well inside the duplicate radius.
    const { rows } = await t.db.query<{ geometry: AreaGeometry }>('SELECT geometry FROM unit_grid WHERE code = $1', [unitGrid]);
    const [lng, lat] = centroid(rows[0]!.geometry);
    existing = (await server.call('POST', '/api/v1/cases', { token, body: manholeReport({ lng, lat }) })).body.caseNumber;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('warns before submitting that an open case of the same class was reported in the same grid', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'acceptor');
    await page.goto('/intake');
    await page.locator('[data-test=class-picker]').click();
    await page.keyboard.type('01001');
    await page.locator('.el-select-dropdown__item').getByText('01001 供水井盖异常').click();
    assert.equal(await page.locator('[data-test=intake-duplicates]').count(), 0, 'no warning before a place is chosen');
    await page.locator(`path.grid-${unitGrid}`).click();
    const warning = page.locator('[data-test=intake-duplicates]');
    await warning.getByText(existing).waitFor();
    await warning.getByText('附近已有 1 件同类未结案件', { exact: false }).waitFor();
    await screenshot('intake-duplicates');

    // Another class at the same place is not a duplicate.
    await page.locator('[data-test=class-picker]').click();
    await page.keyboard.type('01002');
    // The list still holds the last search's answer until this one lands; a click before that could pick 01001 again.
    await page.locator('.el-select-dropdown__item').getByText('01001 供水井盖异常').waitFor({ state: 'hidden' });
    await page.locator('.el-select-dropdown__item').filter({ hasText: '01002' }).first().click();
    await page.locator('[data-test=class-picker]').getByText('01002', { exact: false }).waitFor();
    await warning.waitFor({ state: 'detached' });
    assert.deepEqual(await problems(), []);
  });
});
