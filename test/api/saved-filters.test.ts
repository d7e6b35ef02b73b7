import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../core/identity/api-keys.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

/** A saved query as the query string GET /cases reads: arrays as repeated keys. */
function asQueryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params.toString();
}

describe('saved case-list filters (保存的筛选)', () => {
  let t: TestDatabase;
  let server: TestServer;
  let shiftLeader: Caller;
  let dispatcher: Caller;
  const overdueOpen = { statusKind: ['open'], source: 'hotline', q: '井盖', sort: 'caseNumber' };

  const call = (caller: Caller | null, method: string, path: string, body?: unknown) =>
    server.call(method, path, { token: caller?.token, body });
  const namesOf = async (caller: Caller) => ((await caller.get('/api/v1/saved-filters')).body.items as Array<{ name: string }>).map((f) => f.name);

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    shiftLeader = await signIn(server, 'shiftleader');
    dispatcher = await signIn(server, 'dispatcher');
    const acceptor = await signIn(server, 'acceptor');
    // Two hotline reports about manhole covers and one a collector sent: the saved query picks the first two.
    for (const report of [manholeReport(point), manholeReport(point, { address: '东华门大街 9 号' }),
      manholeReport(point, { source: 'collector', reporter: undefined })]) {
      const res = await acceptor.post('/api/v1/cases', report);
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });
  after(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('saves a filter, lists it, and its query gives the same cases as the case list with those parameters', async () => {
    const created = await shiftLeader.post('/api/v1/saved-filters', { name: '热线井盖 · 办理中', query: overdueOpen });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('location'), `/api/v1/saved-filters/${created.body.id}`);
    assert.deepEqual(created.body.query, overdueOpen, 'stored as sent, without paging defaults');

    const listed = await shiftLeader.get('/api/v1/saved-filters');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items, [created.body]);

    const saved = listed.body.items[0].query as Record<string, unknown>;
    const applied = await shiftLeader.get(`/api/v1/cases?${asQueryString(saved)}`);
    const direct = await shiftLeader.get('/api/v1/cases?statusKind=open&source=hotline&q=井盖&sort=caseNumber');
    assert.equal(applied.status, 200);
    assert.equal(applied.body.total, 2, 'the two hotline reports, not the collector one');
    assert.deepEqual(applied.body.items.map((c: { id: string }) => c.id), direct.body.items.map((c: { id: string }) => c.id));
    const all = await shiftLeader.get('/api/v1/cases');
    assert.equal(all.body.total, 3);
  });

  it('renames a filter and replaces its query', async () => {
    const created = (await shiftLeader.post('/api/v1/saved-filters', { name: '超期未结', query: { overdue: true } })).body;
    const renamed = await call(shiftLeader, 'PATCH', `/api/v1/saved-filters/${created.id}`, { name: '超期未结 · 市政市容委' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.name, '超期未结 · 市政市容委');
    assert.deepEqual(renamed.body.query, { overdue: true }, 'a rename keeps the query');

    const replaced = await call(shiftLeader, 'PATCH', `/api/v1/saved-filters/${created.id}`, { query: { overdue: true, departmentId: 'municipal' } });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.body.name, '超期未结 · 市政市容委');
    assert.deepEqual(replaced.body.query, { overdue: true, departmentId: 'municipal' });
    assert.ok(replaced.body.updatedAt >= created.updatedAt);
    assert.ok((await namesOf(shiftLeader)).includes('超期未结 · 市政市容委'));
  });

  it('refuses a second filter of the same name, by creating or renaming, with a 409 problem', async () => {
    const duplicate = await shiftLeader.post('/api/v1/saved-filters', { name: ' 热线井盖 · 办理中 ', query: {} });
    assert.equal(duplicate.status, 409);
    assert.match(duplicate.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(duplicate.body.type, 'https://citycase.org/problems/conflict');
    assert.equal(duplicate.body.field, 'name');
    assert.match(duplicate.body.detail, /热线井盖 · 办理中/);

    const other = (await shiftLeader.post('/api/v1/saved-filters', { name: '今日热线', query: { source: 'hotline' } })).body;
    const clash = await call(shiftLeader, 'PATCH', `/api/v1/saved-filters/${other.id}`, { name: '热线井盖 · 办理中' });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.field, 'name');
    assert.equal((await namesOf(shiftLeader)).filter((n) => n === '热线井盖 · 办理中').length, 1);
    assert.ok((await namesOf(shiftLeader)).includes('今日热线'), 'the clashing rename changed nothing');

    // Names are per user: another clerk may use the same one.
    const theirs = await dispatcher.post('/api/v1/saved-filters', { name: '热线井盖 · 办理中', query: {} });
    assert.equal(theirs.status, 201);
  });

  it('stores only valid case-list parameters, naming the offending field', async () => {
    const before = await namesOf(shiftLeader);
    const cases: Array<[string, unknown, string]> = [
      ['a text where a boolean belongs', { overdue: 'yes' }, 'query.overdue'],
      ['an unknown status kind', { statusKind: ['pending'] }, 'query.statusKind.0'],
      ['an unknown parameter', { department: 'municipal' }, 'query.department'],
      ['paging, which is no filter', { page: 2 }, 'query.page'],
      ['a malformed grid code', { gridCode: '12' }, 'query.gridCode'],
    ];
    for (const [what, query, field] of cases) {
      const res = await shiftLeader.post('/api/v1/saved-filters', { name: `坏的 ${field}`, query });
      assert.equal(res.status, 422, what);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, what);
      assert.equal(res.body.field, field, what);
    }
    const blank = await shiftLeader.post('/api/v1/saved-filters', { name: '   ', query: {} });
    assert.equal(blank.status, 422);
    assert.equal(blank.body.field, 'name');
    const id = (await shiftLeader.get('/api/v1/saved-filters')).body.items[0].id;
    const badChange = await call(shiftLeader, 'PATCH', `/api/v1/saved-filters/${id}`, { query: { sort: 'address' } });
    assert.equal(badChange.status, 422);
    assert.equal(badChange.body.field, 'query.sort');
    assert.deepEqual(await namesOf(shiftLeader), before, 'nothing stored');
    assert.deepEqual((await shiftLeader.get('/api/v1/saved-filters')).body.items[0].query, overdueOpen, 'nothing changed');
  });

  it("never shows or changes another user's filters", async () => {
    const mine = (await shiftLeader.get('/api/v1/saved-filters')).body.items[0];
    assert.ok(!(await namesOf(dispatcher)).includes('超期未结 · 市政市容委'), 'the dispatcher sees only theirs');

    const rename = await call(dispatcher, 'PATCH', `/api/v1/saved-filters/${mine.id}`, { name: '抢来的' });
    assert.equal(rename.status, 404);
    assert.match(rename.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal((await call(dispatcher, 'DELETE', `/api/v1/saved-filters/${mine.id}`)).status, 404);
    assert.equal((await call(dispatcher, 'PATCH', '/api/v1/saved-filters/not-a-number', { name: 'x' })).status, 404);
    assert.deepEqual((await shiftLeader.get('/api/v1/saved-filters')).body.items[0], mine, 'untouched');
  });

  it('deletes a filter once', async () => {
    const created = (await shiftLeader.post('/api/v1/saved-filters', { name: '临时', query: { supervised: true } })).body;
    assert.equal((await call(shiftLeader, 'DELETE', `/api/v1/saved-filters/${created.id}`)).status, 204);
    assert.ok(!(await namesOf(shiftLeader)).includes('临时'));
    assert.equal((await call(shiftLeader, 'DELETE', `/api/v1/saved-filters/${created.id}`)).status, 404);
  });

  it('answers 401 without a token and 403 to an API key, which has no saved filters', async () => {
    for (const [method, body] of [['GET', undefined], ['POST', { name: '匿名', query: {} }]] as const) {
      const res = await call(null, method, '/api/v1/saved-filters', body);
      assert.equal(res.status, 401, method);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    }
    assert.equal((await call(null, 'DELETE', '/api/v1/saved-filters/1')).status, 401);
    const { key } = await createApiKey(t.db, { name: '视频识别', channel: 'video', createdBy: null });
    const byKey = await server.call('GET', '/api/v1/saved-filters', { headers: { 'x-api-key': key } });
    assert.equal(byKey.status, 403);
  });

  it('lets every role that lists cases keep filters', async () => {
    for (const username of ['admin', 'acceptor', 'leader', 'water-supply', 'municipal-head', 'collector', 'citizen', 'reviewer']) {
      const caller = await signIn(server, username);
      const res = await caller.post('/api/v1/saved-filters', { name: '我的', query: { statusKind: ['open'] } });
      assert.equal(res.status, 201, `${username}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(await namesOf(caller), ['我的']);
    }
  });
});

describe('shared saved filters (共享查询)', () => {
  let t: TestDatabase;
  let server: TestServer;
  let callers: Record<'shiftLeader' | 'dispatcher' | 'municipal' | 'municipalHead' | 'waterSupply' | 'citizen', Caller>;

  const names = async (caller: Caller) =>
    ((await caller.get('/api/v1/saved-filters')).body.items as Array<{ name: string; mine: boolean; owner: { displayName: string } }>).map(
      (f) => `${f.name}${f.mine ? '' : ` (${f.owner.displayName})`}`,
    );

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    server = await startTestServer(t.db);
    callers = {
      shiftLeader: await signIn(server, 'shiftleader'),
      dispatcher: await signIn(server, 'dispatcher'),
      municipal: await signIn(server, 'municipal'),
      municipalHead: await signIn(server, 'municipal-head'),
      waterSupply: await signIn(server, 'water-supply'),
      citizen: await signIn(server, 'citizen'),
    };
  });
  after(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('offers a shared filter to the owner\'s colleagues, read-only, and stops when it is unshared', async () => {
    const { shiftLeader, dispatcher, municipal, citizen } = callers;
    const created = await shiftLeader.post('/api/v1/saved-filters', { name: '今日督办', query: { supervised: true }, shared: true });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.shared, true);
    assert.deepEqual(created.body.owner, { id: created.body.owner.id, displayName: '值班长' });
    await dispatcher.post('/api/v1/saved-filters', { name: '我的派遣', query: { statusKind: ['open'] } });

    assert.deepEqual(await names(dispatcher), ['我的派遣', '今日督办 (值班长)'], 'own first, then colleagues\' shared ones');
    assert.deepEqual(await names(municipal), [], 'a department is no colleague of the command centre');
    assert.deepEqual(await names(citizen), [], 'citizens see nothing shared');

    const theirs = (await dispatcher.get('/api/v1/saved-filters')).body.items[1];
    assert.equal(theirs.mine, false);
    assert.equal((await server.call('PATCH', `/api/v1/saved-filters/${theirs.id}`, { token: dispatcher.token, body: { name: '改名' } })).status, 404);
    assert.equal((await server.call('DELETE', `/api/v1/saved-filters/${theirs.id}`, { token: dispatcher.token })).status, 404);

    const unshared = await server.call('PATCH', `/api/v1/saved-filters/${created.body.id}`, { token: shiftLeader.token, body: { shared: false } });
    assert.equal(unshared.status, 200);
    assert.equal(unshared.body.shared, false);
    assert.deepEqual(unshared.body.query, { supervised: true }, 'unsharing keeps the query');
    assert.deepEqual(await names(dispatcher), ['我的派遣']);
    assert.deepEqual(await names(shiftLeader), ['今日督办']);
  });

  it('shares a department\'s filter within that department only', async () => {
    const { municipal, municipalHead, waterSupply, shiftLeader } = callers;
    const created = await municipal.post('/api/v1/saved-filters', { name: '本处超期', query: { overdue: true }, shared: true });
    assert.equal(created.status, 201);
    assert.deepEqual(await names(municipalHead), [`本处超期 (${created.body.owner.displayName})`]);
    assert.deepEqual(await names(waterSupply), []);
    assert.ok(!(await names(shiftLeader)).some((n) => n.startsWith('本处超期')));
  });

  it('stops offering the filters of a deactivated colleague', async () => {
    const { municipal, municipalHead } = callers;
    await t.db.query(`UPDATE app_user SET active = false WHERE username = 'municipal'`);
    assert.deepEqual(await names(municipalHead), []);
    await t.db.query(`UPDATE app_user SET active = true WHERE username = 'municipal'`);
    assert.equal((await municipal.post('/api/v1/saved-filters', { name: 'x', query: {}, shared: 'yes' })).body.field, 'shared');
  });
});
