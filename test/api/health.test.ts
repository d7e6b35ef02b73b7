import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/http.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

describe('GET /health over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  before(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t.db);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('answers ok with the database kind in use', async () => {
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; database: string };
    assert.equal(body.status, 'ok');
    assert.equal(body.database, process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('answers an unknown path with problem+json', async () => {
    const res = await fetch(`${server.url}/api/v1/nope`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = (await res.json()) as { title: string; status: number; detail: string };
    assert.equal(problem.status, 404);
    assert.match(problem.detail, /GET \/api\/v1\/nope/);
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const res = await fetch(`${server.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  });
});
