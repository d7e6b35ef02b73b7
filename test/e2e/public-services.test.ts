import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApiKey } from '../../core/identity/api-keys.ts';
import { isOpenAt } from '../../core/public-services/opening-hours.ts';
import { givenDemoCity } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, fitsWidth, launchBrowser, screenshotDir } from './support.ts';

describe('a citizen finds a toilet, a park and the waterlogged roads from a phone', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    server = await startTestServer(t.db);
    browser = await launchBrowser();
    const { key } = await createApiKey(t.db, { name: '积水监测平台', channel: 'iot', createdBy: null });
    // DC-JS-004 东便门桥下穿通道 turns 严重积水 from 25 cm.
    const reading = await server.call('POST', '/api/v1/channels/waterlogging-readings', {
      headers: { 'x-api-key': key },
      body: { readingId: 'r-1', sensorId: 'WL-DC-004', depthCm: 31.5, measuredAt: new Date().toISOString() },
    });
    assert.equal(reading.status, 201, JSON.stringify(reading.body));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('lists the nearest places by distance from the phone\'s position and shows the flooded underpass first', async () => {
    const context = await browser.newContext({
      baseURL: server.url, viewport: { width: 375, height: 812 }, locale: 'zh-CN',
      // In 东华门街道: the demo city's nearest toilet is 王府井北大街公厕, 142 m away (test/public-services/places.test.ts).
      permissions: ['geolocation'], geolocation: { longitude: 116.41, latitude: 39.92 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/report');
    await page.locator('[data-test=services-link]').click();
    await page.getByRole('heading', { name: '便民服务' }).waitFor();
    await page.locator('[data-test=tab-waterlogging] .services-badge').getByText('1').waitFor();

    await page.locator('[data-test=locate]').click();
    const nearest = page.locator('[data-test=place]').first();
    await nearest.getByText('王府井北大街公厕').waitFor();
    assert.equal((await nearest.locator('[data-test=distance]').textContent())?.trim(), '142 米');
    assert.equal((await nearest.locator('[data-test=open-state]').textContent())?.trim(), isOpenAt('06:00-23:00', new Date()) ? '开放中' : '已关闭');
    await nearest.getByText('有无障碍设施').waitFor();
    const href = await nearest.locator('[data-test=navigate]').getAttribute('href');
    assert.match(href ?? '', /^https:\/\/uri\.amap\.com\/marker\?position=116\.\d+%2C39\.\d+&name=/, 'navigation takes GCJ-02 to AMap');
    await page.screenshot({ path: `${screenshotDir}/public-services-toilets.png` });
    assert.ok(await fitsWidth(page, 375), 'the page fits the phone\'s width: no sideways scrolling');

    await page.locator('[data-test=tab-park]').click();
    await page.locator('[data-test=place]').first().getByText('最近入口').waitFor();

    await page.locator('[data-test=tab-waterlogging]').click();
    const first = page.locator('[data-test=waterlogging-point]').first();
    await first.getByText('东便门桥下穿通道').waitFor();
    assert.equal((await first.locator('[data-test=state]').textContent())?.trim(), '严重积水');
    await first.getByText('水深 31.5 厘米').waitFor();
    assert.equal(await page.locator('[data-test=waterlogging-point]').count(), 6);
    await page.screenshot({ path: `${screenshotDir}/public-services-waterlogging.png` });
    await context.close();
  });
});
