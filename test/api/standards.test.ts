import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../core/identity/users.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

describe('standards over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  let token: string;
  before(async () => {
    t = await openTestDatabase();
    await createUser(t.db, { username: 'acceptor', displayName: '受理员', password: 'correct horse battery', roles: ['acceptor'] });
    server = await startTestServer(t.db);
    token = (await server.call('POST', '/api/v1/auth/login', { body: { username: 'acceptor', password: 'correct horse battery' } })).body.accessToken;
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('lists the national event classes and finds one by Chinese name or code prefix', async () => {
    const all = await server.call('GET', '/api/v1/standards/classes?scheme=gbt47678&kind=event', { token });
    assert.equal(all.body.items.length, 250);
    const byName = await server.call('GET', `/api/v1/standards/classes?kind=component&q=${encodeURIComponent('井盖')}`, { token });
    assert.ok(byName.body.items.length >= 3);
    assert.ok(byName.body.items.every((c: { nameZh: string }) => c.nameZh.includes('井盖')));
    const byCode = await server.call('GET', '/api/v1/standards/classes?kind=component&q=01001', { token });
    assert.deepEqual(byCode.body.items.map((c: { code: string }) => c.code), ['01001']);
  });

  it('shows a class with its filing conditions and deadlines per area grade', async () => {
    const res = await server.call('GET', '/api/v1/standards/classes/gbt47678/component/01001', { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.nameZh, '供水井盖');
    const condition = res.body.rules.conditions[0];
    assert.ok(condition.filingCondition.length > 0);
    assert.ok(condition.deadlines.A.value > 0);
  });

  it('answers unknown classes and bad queries with problems, and needs a token', async () => {
    assert.equal((await server.call('GET', '/api/v1/standards/classes/gbt47678/component/99999', { token })).status, 404);
    const bad = await server.call('GET', '/api/v1/standards/classes?scheme=cjt214', { token });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.field, 'scheme');
    assert.equal((await server.call('GET', '/api/v1/standards/classes')).status, 401);
  });
});
