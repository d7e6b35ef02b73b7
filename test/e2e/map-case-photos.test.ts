import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { seedDemo } from '../../demo/seed-demo.ts';
import { png } from '../../core/attachments/sample-media.fixture.ts';
import { manholeReport, pointInCollectorScope } from '../api/support.ts';
import { browserMissing, browserSuite, openPage, password, signIn } from './support.ts';

// Opened from a map dot or the case list, a case shows the photos of each step in its timeline.
describe('photos in the case timeline', { skip: browserMissing }, () => {
  let caseId = '';

  const suite = browserSuite((db) => seedDemo(db, { password }));
  before(async () => {
    const point = await pointInCollectorScope(suite.db);
    const token = (await suite.server.call('POST', '/api/v1/auth/login', { body: { username: 'acceptor', password } })).body.accessToken;
    const form = new FormData();
    form.append('file', new Blob([png(40, 30)], { type: 'image/png' }), 'manhole.png');
    const upload = await fetch(`${suite.server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    assert.equal(upload.status, 201);
    const photo = ((await upload.json()) as { id: string }).id;
    const created = await suite.server.call('POST', '/api/v1/cases', { token, body: manholeReport(point, { attachmentIds: [photo] }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    caseId = created.body.id;
  });

  it('shows the report photo as a thumbnail', async () => {
    const { page, problems, screenshot } = await openPage(suite.browser, suite.server.url);
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
