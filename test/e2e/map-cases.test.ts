import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

describe('cases on the grid map', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  const numbers: string[] = [];
  const ids: string[] = [];

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    const token = (await server.call('POST', '/api/v1/auth/login', { body: { username: 'acceptor', password } })).body.accessToken;
    // Two reports a little apart, so each dot can be clicked on its own.
    for (const offset of [0, 0.004]) {
      const res = await server.call('POST', '/api/v1/cases', { token, body: manholeReport({ lng: point.lng + offset, lat: point.lat }) });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids.push(res.body.id);
      numbers.push(res.body.caseNumber);
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('shows each case as a dot coloured by status, opens the case from it, and shades the grids by case count', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'shiftleader');
    await page.goto('/map');
    await page.locator('.case-marker').nth(1).waitFor();
    assert.equal(await page.locator('.case-marker').count(), 2);
    assert.equal((await page.locator('[data-test=case-count]').textContent())?.trim(), '2 件');
    const dot = page.locator(`.case-${numbers[0]}`);
    assert.equal(await dot.getAttribute('fill'), '#3f74c6', 'a new report is drawn in the intake colour');
    await screenshot('map-cases');

    await dot.click();
    const popup = page.locator('.leaflet-popup-content');
    await popup.getByText(numbers[0] as string).waitFor();
    await popup.getByText('待受理').waitFor();
    await popup.locator('[data-test=case-popup-link]').click();
    await page.waitForURL(`**/cases/${ids[0]}`);
    await page.getByText(numbers[0] as string).first().waitFor();

    await page.goBack();
    await page.locator('.case-marker').nth(1).waitFor();
    const box = await dot.boundingBox();
    assert.ok(box);
    for (const layer of ['cases', 'unit', 'responsibility', 'heat']) await page.locator(`[data-test=toggle-${layer}]`).click();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await popup.getByText('案件数').waitFor();
    assert.match((await popup.textContent()) ?? '', /案件数\s*[12]/);
    assert.deepEqual(await problems(), []);
  });
});
