import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { png } from '../../core/attachments/sample-media.fixture.ts';
import { pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, fitsWidth, launchBrowser, password, screenshotDir } from './support.ts';

describe('a citizen reports from a phone and follows the report by its code', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let point: { lng: number; lat: number };

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('submits a photo, the phone\'s location and a class, and shows the stage by tracking code', async () => {
    const context = await browser.newContext({
      // A phone's screen; Playwright's isMobile emulation renders blank pages in this headless Chromium, so it is off.
      baseURL: server.url, viewport: { width: 375, height: 812 }, locale: 'zh-CN',
      permissions: ['geolocation'], geolocation: { longitude: point.lng, latitude: point.lat },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/report');
    assert.ok(await fitsWidth(page, 375), 'the page fits the phone\'s width: no sideways scrolling');
    await page.locator('input[name=photo]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png(64, 48, { pixels: true }) });
    await page.getByText('已上传 1 张照片').waitFor();
    await page.locator('select[name=classCode]').selectOption('06010');
    await page.locator('[data-test=locate]').click();
    await page.locator('[data-test=location]').waitFor();
    await page.locator('textarea[name=description]').fill('小区门口有垃圾');
    await page.locator('[data-test=submit]').click();
    const code = (await page.locator('[data-test=tracking-code]').textContent())?.trim() ?? '';
    assert.match(code, /^[A-HJKMNP-Z2-9]{10}$/);
    await page.screenshot({ path: `${screenshotDir}/citizen-report-code.png` });

    await page.locator('[data-test=track-link]').click();
    await page.getByText('已收到，正在核实').first().waitFor();
    const photos = await t.db.query('SELECT 1 FROM attachment a JOIN citizen_report r ON r.case_id = a.case_id WHERE r.tracking_code = $1', [code]);
    assert.equal(photos.rows.length, 1, 'the photo is on the case');
    await page.screenshot({ path: `${screenshotDir}/citizen-track.png` });
    await context.close();
  });
});
