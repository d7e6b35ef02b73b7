import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../core/identity/users.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

const password = 'correct horse battery';

describe('identity and access over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  const login = (username: string, pw = password) => server.call('POST', '/api/v1/auth/login', { body: { username, password: pw } });
  const tokenOf = async (username: string) => (await login(username)).body.accessToken as string;

  before(async () => {
    t = await openTestDatabase();
    await t.db.query(`INSERT INTO department (id, name_zh, type) VALUES ('szj', '市政局', 'city-department')`);
    await createUser(t.db, { username: 'admin', displayName: '管理员', password, roles: ['admin'] });
    await createUser(t.db, { username: 'szj', displayName: '市政局处置员', password, roles: ['department'], departmentId: 'szj' });
    await createUser(t.db, { username: 'dispatcher', displayName: '派遣员', password, roles: ['dispatcher'] });
    server = await startTestServer(t.db, clock);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('signs a user in and tells who they are', async () => {
    const res = await login('szj');
    assert.equal(res.status, 200);
    assert.equal(res.body.tokenType, 'Bearer');
    assert.deepEqual(res.body.user.roles, ['department']);
    assert.equal(res.body.user.departmentId, 'szj');
    const me = await server.call('GET', '/api/v1/me', { token: res.body.accessToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'szj');
  });

  it('refuses a wrong password and an unknown user alike, as problem+json 401', async () => {
    for (const res of [await login('szj', 'wrong password'), await login('nobody')]) {
      assert.equal(res.status, 401);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal(res.body.detail, 'wrong user name or password');
    }
  });

  it('rate-limits repeated failures for a user name, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) await login('dispatcher', 'guess ' + i);
    const blocked = await login('dispatcher');
    assert.equal(blocked.status, 429);
    assert.equal(blocked.headers.get('retry-after'), '900');
    clock.advance(16 * 60 * 1000);
    assert.equal((await login('dispatcher')).status, 200, 'the window passes');
  });

  it('answers 401 without a token, with a forged one, and with an expired one', async () => {
    assert.equal((await server.call('GET', '/api/v1/me')).status, 401);
    const token = await tokenOf('szj');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    assert.equal((await server.call('GET', '/api/v1/me', { token: forged })).status, 401);
    assert.equal((await server.call('GET', '/api/v1/me', { token: 'not.a.jwt' })).status, 401);
    assert.equal((await server.call('GET', '/api/v1/me', { token })).status, 200, 'the token works until it expires');
    assert.equal((await server.call('GET', '/api/v1/me', { token: forged })).status, 401, 'a forged token stays refused after the real one was used');
    clock.advance(16 * 60 * 1000);
    const expired = await server.call('GET', '/api/v1/me', { token });
    assert.equal(expired.status, 401);
    assert.match(expired.body.detail, /expired/);
  });

  it('rotates refresh tokens: each works once', async () => {
    const first = await login('szj');
    const refreshed = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refreshToken, first.body.refreshToken);
    const replay = await server.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    assert.equal(replay.status, 401);
  });

  it('lets only admin manage users, and validates the body naming the field', async () => {
    const admin = await tokenOf('admin');
    const department = await tokenOf('szj');
    const body = { username: 'collector1', displayName: '监督员一', password, roles: ['collector'] };
    assert.equal((await server.call('POST', '/api/v1/users', { token: department, body })).status, 403);
    assert.equal((await server.call('GET', '/api/v1/users', { token: department })).status, 403);

    const cases: Array<[unknown, string]> = [
      [{ ...body, roles: ['mayor'] }, 'roles.0'],
      [{ ...body, extra: 1 }, 'extra'],
      [{ displayName: 'x', password, roles: ['collector'] }, 'username'],
      [{ ...body, password: 'short' }, 'password'],
      [{ ...body, roles: ['department'] }, 'departmentId'],
      [{ ...body, departmentId: 'nope' }, 'departmentId'],
    ];
    for (const [input, field] of cases) {
      const res = await server.call('POST', '/api/v1/users', { token: admin, body: input });
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(res.body.field, field);
    }
    const { rows } = await t.db.query(`SELECT 1 FROM app_user WHERE username = 'collector1'`);
    assert.equal(rows.length, 0, 'nothing written by refused requests');

    const created = await server.call('POST', '/api/v1/users', { token: admin, body });
    assert.equal(created.status, 201);
    assert.equal((await server.call('POST', '/api/v1/users', { token: admin, body })).status, 409);
    assert.equal((await login('collector1')).status, 200);
  });

  it('stops a deactivated user at once, even with a live token', async () => {
    const admin = await tokenOf('admin');
    const created = await server.call('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'leaver', displayName: '离职', password, roles: ['acceptor'] },
    });
    const token = await tokenOf('leaver');
    await server.call('PATCH', `/api/v1/users/${created.body.id}`, { token: admin, body: { active: false } });
    assert.equal((await server.call('GET', '/api/v1/me', { token })).status, 401);
    assert.equal((await login('leaver')).status, 401);
  });

  it('issues API keys for machine channels, shown once and revocable', async () => {
    const admin = await tokenOf('admin');
    const created = await server.call('POST', '/api/v1/api-keys', { token: admin, body: { name: '视频AI', channel: 'video' } });
    assert.equal(created.status, 201);
    const key = created.body.key as string;
    const list = await server.call('GET', '/api/v1/api-keys', { token: admin });
    assert.ok(!JSON.stringify(list.body).includes(key), 'the secret is never listed');
    const me = await server.call('GET', '/api/v1/me', { headers: { 'x-api-key': key } });
    assert.equal(me.body.apiKey.channel, 'video');
    assert.equal((await server.call('DELETE', `/api/v1/api-keys/${created.body.id}`, { token: admin })).status, 204);
    assert.equal((await server.call('GET', '/api/v1/me', { headers: { 'x-api-key': key } })).status, 401);
    assert.equal((await server.call('GET', '/api/v1/me', { headers: { 'x-api-key': 'cck_forged' } })).status, 401);
  });
});
