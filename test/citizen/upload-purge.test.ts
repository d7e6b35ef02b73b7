import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { png } from '../../core/attachments/sample-media.fixture.ts';
import { fileBlobStore } from '../../core/attachments/file-blob-store.ts';
import { purgeUnclaimedUploads } from '../../core/citizen/upload-purge.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, pointInCollectorScope } from '../api/support.ts';

describe('anonymous citizen photos never put on a report', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let point: { lng: number; lat: number };
  const device = { 'x-device-id': 'purge-test-device-0001' };

  async function upload(): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([png(8, 8)], { type: 'image/png' }), 'street.png');
    const res = await fetch(`${server.url}/api/v1/public/attachments`, { method: 'POST', headers: device, body: form });
    const body = (await res.json()) as { id: string };
    assert.equal(res.status, 201, JSON.stringify(body));
    return body.id;
  }
  const blobFiles = async () =>
    (await readdir(server.blobsDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  const attachmentRows = async () => (await t.db.query<{ id: string }>('SELECT id::text AS id FROM attachment ORDER BY id')).rows.map((row) => row.id);
  const report = (classCode: string, attachmentIds: string[]) =>
    server.call('POST', '/api/v1/public/reports', { body: { classCode, location: point, attachmentIds }, headers: device });

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    const { lng, lat } = await pointInCollectorScope(t.db);
    point = { lng, lat };
    server = await startTestServer(t.db, clock);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('keeps photos on a report and young ones, and removes the row and file of an abandoned one', async () => {
    const reported = await upload();
    const abandoned = await upload();
    const created = await report('06010', [reported]);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const blobs = fileBlobStore(server.blobsDir);

    assert.equal(await purgeUnclaimedUploads(t.db, blobs, clock.now()), 0, 'an hour to use a fresh photo');
    clock.advance(30 * 60_000);
    const young = await upload();
    clock.advance(50 * 60_000);
    assert.equal(await purgeUnclaimedUploads(t.db, blobs, clock.now()), 1, 'only the expired, unreported one');

    const rows = await attachmentRows();
    assert.ok(rows.includes(reported), 'the reported photo stays');
    assert.ok(rows.includes(young), 'a photo still usable stays');
    assert.ok(!rows.includes(abandoned), 'the abandoned row is gone');
    const files = await blobFiles();
    assert.ok(files.includes(reported) && files.includes(young));
    assert.ok(!files.includes(abandoned), 'and so is its file');
    assert.equal(await purgeUnclaimedUploads(t.db, blobs, clock.now()), 0, 'a second round finds nothing');

    // Another class, so it is not taken for the same device's duplicate of the first report.
    const late = await report('06042', [abandoned]);
    assert.equal(late.status, 422, 'the removed photo cannot be put on a report');
    assert.equal(late.body.field, 'attachmentIds');
  });
});
