import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../demo/seed-demo.ts';
import { png } from '../../core/attachments/sample-media.fixture.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { browserMissing, launchBrowser, openPage, password, signIn } from './support.ts';

// Opened from a map dot or the case list, a case shows the photos of each step in its timeline.
describe('photos in the case timeline', { skip: browserMissing }, () => {
  let t: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let caseId = '';

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    const token = (await server.call('POST', '/api/v1/auth/login', { body: { username: 'acceptor', password } })).body.accessToken;
    const form = new FormData();
    form.append('file', new Blob([png(40, 30)], { type: 'image/png' }), 'manhole.png');
    const upload = await fetch(`${server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    assert.equal(upload.status, 201);
    const photo = ((await upload.json()) as { id: string }).id;
    const created = await server.call('POST', '/api/v1/cases', { token, body: manholeReport(point, { attachmentIds: [photo] }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    caseId = created.body.id;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.dispose();
  });

  it('shows the report photo as a thumbnail', async () => {
    const { page, problems, screenshot } = await openPage(browser, server.url);
    await signIn(page, 'shiftleader');
    await page.goto(`/cases/${caseId}`);
    const thumb = page.locator('[data-test=event-photos] img');
    await thumb.waitFor();
    assert.equal(await thumb.count(), 1);
    // The photo itself is decoded, not a broken image: its real width.
    await page.waitForFunction(`document.querySelector('[data-test=event-photos] img')?.naturalWidth === 40`);
    await screenshot('case-photos');
    assert.deepEqual(await problems(), []);
  });
});
