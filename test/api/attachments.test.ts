import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { claimAttachments } from '../../core/attachments/claim-attachments.ts';
import { jpeg, png, videoHeader } from '../../core/attachments/sample-media.fixture.ts';
import { appendCaseEvent } from '../../core/case/history.ts';
import { createApiKey } from '../../core/identity/api-keys.ts';
import type { Principal } from '../../core/identity/roles.ts';
import { createUser, toPrincipal } from '../../core/identity/users.ts';
import { actors, givenHandlingCase, mondayNine, roadsDepartment, waterDepartment } from '../lifecycle/builders.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestResponse, type TestServer } from '../support/http.ts';

const password = 'correct horse battery';

interface Upload {
  bytes: Uint8Array;
  type?: string;
  filename?: string;
  field?: string;
}

describe('attachments over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const principals: Record<string, Principal> = {};
  let apiKey: string;

  before(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t.db);
    await givenHandlingCase(t.db, new Date(mondayNine)); // creates the departments too
    const users = {
      collector: { roles: ['collector'] },
      water: { roles: ['department'], departmentId: waterDepartment },
      roads: { roles: ['department'], departmentId: roadsDepartment },
      dispatcher: { roles: ['dispatcher'] },
    } as const;
    for (const [username, scope] of Object.entries(users)) {
      const user = await createUser(t.db, { username, displayName: username, password, ...scope, roles: [...scope.roles] });
      principals[username] = toPrincipal(user);
      const login = await server.call('POST', '/api/v1/auth/login', { body: { username, password } });
      tokens[username] = login.body.accessToken;
    }
    apiKey = (await createApiKey(t.db, { name: '视频识别', channel: 'video', createdBy: null })).key;
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  async function upload(auth: { token?: string; apiKey?: string }, files: Upload[]): Promise<TestResponse> {
    const form = new FormData();
    for (const file of files) form.append(file.field ?? 'file', new Blob([file.bytes], { type: file.type ?? '' }), file.filename ?? 'upload');
    const headers: Record<string, string> = {};
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    if (auth.apiKey) headers['x-api-key'] = auth.apiKey;
    const res = await fetch(`${server.url}/api/v1/attachments`, { method: 'POST', headers, body: form });
    return { status: res.status, headers: res.headers, body: await res.json() };
  }

  const uploadAs = (username: string, file: Upload) => upload({ token: tokens[username] }, [file]);

  async function download(username: string, id: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}/api/v1/attachments/${id}`, { headers: { authorization: `Bearer ${tokens[username]}`, ...headers } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  /** What the store holds: attachment rows and blob files (the temporary folder must stay empty). */
  async function stored() {
    const { rows } = await t.db.query<{ count: string | number }>('SELECT count(*) AS count FROM attachment');
    const files = await readdir(server.blobsDir, { recursive: true, withFileTypes: true });
    return { rows: Number(rows[0]?.count), files: files.filter((entry) => entry.isFile()).length };
  }

  it('stores a JPEG, a PNG and a MOV made here, saying what the bytes are', async () => {
    const photo = jpeg(40, 30);
    const res = await uploadAs('collector', { bytes: photo, type: 'image/jpeg', filename: 'IMG_0001.jpg' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(Object.keys(res.body).sort(), ['contentType', 'height', 'id', 'sha256', 'size', 'width']);
    assert.equal(res.body.contentType, 'image/jpeg');
    assert.equal(res.body.size, photo.length);
    assert.equal(res.body.sha256, createHash('sha256').update(photo).digest('hex'));
    assert.deepEqual([res.body.width, res.body.height], [40, 30]);
    assert.equal(res.headers.get('location'), `/api/v1/attachments/${res.body.id}`);

    const picture = await uploadAs('collector', { bytes: png(7, 3), filename: 'screenshot.png' });
    assert.equal(picture.status, 201);
    assert.equal(picture.body.contentType, 'image/png');
    assert.deepEqual([picture.body.width, picture.body.height], [7, 3]);

    const clip = await uploadAs('collector', { bytes: videoHeader('qt  '), type: 'video/quicktime', filename: 'IMG_0002.MOV' });
    assert.equal(clip.status, 201);
    assert.equal(clip.body.contentType, 'video/quicktime');
    assert.ok(!('width' in clip.body), 'a video has no header dimensions');
  });

  it('lets a machine channel upload with its API key, and nobody without credentials', async () => {
    assert.equal((await upload({ apiKey }, [{ bytes: jpeg(8, 8), type: 'image/jpeg' }])).status, 201);
    const anonymous = await upload({}, [{ bytes: jpeg(8, 8), type: 'image/jpeg' }]);
    assert.equal(anonymous.status, 401);
  });

  it('refuses what is not a photo or video, mislabelled files, oversize files and decompression bombs, storing nothing', async () => {
    const before = await stored();
    const refusals: Array<[string, Upload, number, RegExp]> = [
      ['text renamed .jpg', { bytes: Buffer.from('这不是照片 — just text\n'.repeat(20)), type: 'image/jpeg', filename: 'photo.jpg' }, 415, /not a recognised format/],
      ['a PNG sent as a JPEG', { bytes: png(4, 4), type: 'image/jpeg', filename: 'photo.jpg' }, 415, /image\/png but the file was sent as image\/jpeg/],
      ['a photo over 10 MB', { bytes: Buffer.concat([jpeg(8, 8), Buffer.alloc(10 * 1024 * 1024)]), type: 'image/jpeg', filename: 'big.jpg' }, 413, /at most 10 MB/],
      ['a PNG claiming 50000×50000', { bytes: png(50_000, 50_000, { pixels: false }), type: 'image/png', filename: 'bomb.png' }, 413, /50000×50000/],
      ['an empty file', { bytes: new Uint8Array(0), type: 'image/jpeg' }, 422, /empty/],
    ];
    for (const [what, file, status, detail] of refusals) {
      const res = await uploadAs('collector', file);
      assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, what);
      assert.equal(res.body.field, 'file', what);
      assert.match(res.body.detail, detail, what);
    }
    assert.deepEqual(await stored(), before, 'no row and no blob for any refused upload');
  });

  it('wants exactly one part, the file, in multipart/form-data', async () => {
    const before = await stored();
    const photo = { bytes: jpeg(8, 8), type: 'image/jpeg' };
    const twoFiles = await upload({ token: tokens.collector }, [photo, photo]);
    assert.equal(twoFiles.status, 422);
    const wrongField = await upload({ token: tokens.collector }, [{ ...photo, field: 'photo' }]);
    assert.equal(wrongField.status, 422);
    assert.equal(wrongField.body.field, 'file');
    const asJson = await server.call('POST', '/api/v1/attachments', { token: tokens.collector, body: { file: 'aGVsbG8=' } });
    assert.equal(asJson.status, 415);
    const truncated = await server.call('POST', '/api/v1/attachments', {
      token: tokens.collector,
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff',
    });
    assert.equal(truncated.status, 422, JSON.stringify(truncated.body));
    assert.deepEqual(await stored(), before, 'the first of two files was not kept either');
  });

  it('refuses a body announced larger than any video before reading it', async () => {
    const res = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/attachments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.collector}`,
          'content-type': 'multipart/form-data; boundary=xyz',
          'content-length': String(500 * 1024 * 1024),
        },
      });
      req.on('response', async (response) => {
        let body = '';
        for await (const chunk of response) body += chunk;
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body });
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    assert.equal(res.status, 413);
    assert.equal(res.connection, 'close');
    assert.match(JSON.parse(res.body).detail, /at most 100 MB/);
  });

  it('keeps nothing of an upload the client abandons half-way', async () => {
    const before = await stored();
    const partials = async () => (await readdir(`${server.blobsDir}/tmp`).catch(() => [])).length;
    /** Polls (bounded) for a state the server reaches on its own after the client acts. */
    const eventually = async (what: string, done: () => Promise<boolean>) => {
      for (let attempt = 0; attempt < 250 && !(await done()); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(await done(), what);
    };
    const req = request(`${server.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.collector}`, 'content-type': 'multipart/form-data; boundary=xyz', 'content-length': '5000000' },
    });
    req.on('error', () => undefined);
    req.write('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
    req.write(Buffer.concat([jpeg(8, 8), Buffer.alloc(100_000)]));
    await eventually('the server started writing the upload', async () => (await partials()) === 1);
    req.destroy();
    await eventually('the partial file is removed', async () => (await partials()) === 0);
    assert.deepEqual(await stored(), before);
  });

  it('serves an upload to its uploader with its type, inline, unsniffable, with the digest as ETag', async () => {
    const photo = jpeg(16, 16);
    const { body } = await uploadAs('collector', { bytes: photo, type: 'image/jpeg', filename: 'a.jpg' });
    const res = await download('collector', body.id);
    assert.equal(res.status, 200);
    assert.deepEqual(res.bytes, photo);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.equal(res.headers.get('content-disposition'), 'inline');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('etag'), `"${body.sha256}"`);
    // As a browser revalidates (fetch() would add no-cache to a conditional request, which asks for the bytes).
    const revalidated = await download('collector', body.id, { 'if-none-match': `"${body.sha256}"`, 'cache-control': 'max-age=0' });
    assert.equal(revalidated.status, 304);
    const range = await download('collector', body.id, { range: 'bytes=0-3' });
    assert.equal(range.status, 206);
    assert.deepEqual(range.bytes, photo.subarray(0, 4));
    assert.equal(range.headers.get('content-range'), `bytes 0-3/${photo.length}`);
    assert.equal((await download('collector', body.id, { range: `bytes=${photo.length}-` })).status, 416);
  });

  it('hides an upload from other users until a case in their scope refers to it', async () => {
    const { body } = await uploadAs('collector', { bytes: jpeg(8, 8), type: 'image/jpeg' });
    assert.equal((await download('roads', body.id)).status, 403);
    assert.equal((await download('dispatcher', body.id)).status, 403, 'not even the command centre sees an unattached upload');
    assert.equal((await download('roads', '6f1c1d3e-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await download('roads', 'not-a-uuid')).status, 404);
  });

  it('claims uploads for a case: only the uploader\'s own, then the case\'s scope may see them', async () => {
    const handling = await givenHandlingCase(t.db, new Date(mondayNine)); // dispatched to the water utility
    const mine = (await uploadAs('collector', { bytes: jpeg(8, 8), type: 'image/jpeg' })).body.id as string;
    const theirs = (await uploadAs('roads', { bytes: jpeg(8, 8), type: 'image/jpeg' })).body.id as string;
    const claim = (username: string, ids: string[], caseId = handling.id) =>
      t.db.transaction((sql) => claimAttachments(sql, principals[username] as Principal, ids, caseId));
    const invalidAttachmentIds = (error: unknown) => (error as { status?: number; field?: string }).status === 422 && (error as { field?: string }).field === 'attachmentIds';

    await assert.rejects(claim('collector', [mine, theirs]), invalidAttachmentIds, "someone else's upload");
    await assert.rejects(claim('collector', ['6f1c1d3e-0000-4000-8000-000000000000']), invalidAttachmentIds, 'an unknown id');
    await assert.rejects(claim('collector', ['../../etc/passwd']), invalidAttachmentIds, 'not an id at all');
    assert.equal((await download('water', mine)).status, 403, 'the refused claim linked nothing');

    assert.deepEqual(await claim('collector', [mine.toUpperCase(), mine]), [mine]);
    assert.deepEqual(await claim('water', [mine]), [mine], 'already on this case: a repeated request is fine');
    const other = await givenHandlingCase(t.db, new Date(mondayNine));
    await assert.rejects(claim('collector', [mine], other.id), invalidAttachmentIds, 'one upload, one case');

    assert.equal((await download('water', mine)).status, 200, 'the department handling the case');
    assert.equal((await download('dispatcher', mine)).status, 200, 'the command centre');
    assert.equal((await download('roads', mine)).status, 403, 'another department');
  });

  it('shows an upload listed on a history row to whoever may see that case', async () => {
    const handling = await givenHandlingCase(t.db, new Date(mondayNine));
    const { body } = await uploadAs('collector', { bytes: png(2, 2), type: 'image/png' });
    assert.equal((await download('water', body.id)).status, 403);
    await appendCaseEvent(t.db, {
      caseId: handling.id,
      at: new Date(mondayNine),
      actor: actors.department,
      action: 'feedback',
      fromStatus: 'handling',
      toStatus: 'verifying',
      attachments: [body.id],
    });
    assert.equal((await download('water', body.id)).status, 200);
    assert.equal((await download('roads', body.id)).status, 403);
  });
});
