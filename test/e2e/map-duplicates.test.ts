import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { seedDemo } from '../../demo/seed-demo.ts';
import { centroid, type AreaGeometry } from '../../core/geo/index.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { browserMissing, browserSuite, openPage, password, signIn } from './support.ts';

describe('likely duplicates nearby at intake', { skip: browserMissing }, () => {
  let unitGrid = '';
  let existing = '';

  const suite = browserSuite((db) => seedDemo(db, { password }));
  before(async () => {
    const point = await pointInCollectorScope(suite.db);
    const token = (await suite.server.call('POST', '/api/v1/auth/login', { body: { username: 'acceptor', password } })).body.accessToken;
    unitGrid = (await suite.server.call('GET', `/api/v1/grids/locate?lng=${point.lng}&lat=${point.lat}`, { token })).body.gridCode;
    // At the grid's centre, where a click on the grid lands: well inside the duplicate radius.
    const { rows } = await suite.db.query<{ geometry: AreaGeometry }>('SELECT geometry FROM unit_grid WHERE code = $1', [unitGrid]);
    const [lng, lat] = centroid(rows[0]!.geometry);
    existing = (await suite.server.call('POST', '/api/v1/cases', { token, body: manholeReport({ lng, lat }) })).body.caseNumber;
  });

  it('warns before submitting that an open case of the same class was reported in the same grid', async () => {
    const { page, problems, screenshot } = await openPage(suite.browser, suite.server.url);
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
