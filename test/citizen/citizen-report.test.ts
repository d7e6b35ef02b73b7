import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { wgs84ToGcj02 } from '../../core/geo/index.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { act, givenDemoCity, pointInCollectorScope, signIn, type Caller } from '../api/support.ts';

describe('citizen reporting over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let point: { lng: number; lat: number };
  const as: Record<string, Caller> = {};
  let device = 0;
  const newDevice = () => `test-device-${String(++device).padStart(8, '0')}`;
  const report = (body: Record<string, unknown>, headers: Record<string, string> = { 'x-device-id': newDevice() }, token?: string) =>
    server.call('POST', '/api/v1/public/reports', { body: { classCode: '06010', location: point, ...body }, headers, token });
  const count = async (table: string) => Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n);
  const caseIdOf = async (code: string) =>
    (await t.db.query<{ case_id: string }>('SELECT case_id FROM citizen_report WHERE tracking_code = $1', [code])).rows[0]!.case_id;

  /** Takes a case from reported to registered, dispatched unless auto-dispatch did. */
  async function registerAndDispatch(id: string) {
    await act(as.acceptor!, id, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, id, 'register', {});
    await server.autoDispatch.idle();
    const current = (await as.dispatcher!.get(`/api/v1/cases/${id}`)).body;
    if (current.status === 'registered') await act(as.dispatcher!, id, 'dispatch', { departmentId: 'sanitation' });
  }

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    const { lng, lat } = await pointInCollectorScope(t.db);
    point = { lng, lat };
    server = await startTestServer(t.db, clock);
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'sanitation', 'collector', 'citizen']) as[user] = await signIn(server, user);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('takes an anonymous GCJ-02 report to a case, shows it by code without internals, and takes one rating when closed', async () => {
    // What a Chinese phone's map SDK gives for the same place.
    const [gLng, gLat] = wgs84ToGcj02([point.lng, point.lat]);
    const gcj02 = { lng: gLng, lat: gLat };
    const created = await report({ description: '路口有一堆垃圾', contactPhone: '13900001111', location: { ...gcj02, crs: 'GCJ02' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const code = created.body.trackingCode as string;
    assert.match(code, /^[A-HJKMNP-Z2-9]{10}$/);
    const id = await caseIdOf(code);
    const staffView = (await as.acceptor!.get(`/api/v1/cases/${id}`)).body;
    assert.equal(staffView.source, 'citizen');
    assert.equal(staffView.reporter.phone, '13900001111', 'staff see the contact');

    await registerAndDispatch(id);
    const handling = await server.call('GET', `/api/v1/public/reports/${code.toLowerCase()}`);
    assert.equal(handling.status, 200);
    assert.equal(handling.body.stage, 'handling');
    const text = JSON.stringify(handling.body);
    for (const secret of ['13900001111', 'sanitation', 'dispatcher', 'shiftleader', 'actor', 'departmentId']) assert.ok(!text.includes(secret), `no ${secret}`);

    await act(as.sanitation!, id, 'handle', { comment: '垃圾已清运' });
    await act(as.collector!, id, 'verify', { passed: true });
    await act(as.shiftleader!, id, 'close', {});
    const closed = (await server.call('GET', `/api/v1/public/reports/${code}`)).body;
    assert.equal(closed.stage, 'resolved');
    assert.ok(closed.timeline.some((step: { note: string | null }) => step.note === '垃圾已清运'), 'the department\'s result is a public note');
    assert.equal(closed.canRate, true);

    const rated = await server.call('POST', `/api/v1/public/reports/${code}/rating`, { body: { score: 5, comment: '很快' } });
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    assert.equal(rated.body.rating.score, 5);
    const again = await server.call('POST', `/api/v1/public/reports/${code}/rating`, { body: { score: 1 } });
    assert.equal(again.status, 409);
    assert.match(again.headers.get('content-type') ?? '', /problem\+json/);
    const history = (await as.acceptor!.get(`/api/v1/cases/${id}`)).body.history as Array<{ action: string }>;
    assert.equal(history.filter((event) => event.action === 'rate').length, 1);
  });

  it('credits a signed-in citizen once when the report is registered, and not for a rejected one', async () => {
    const headers = { 'x-device-id': newDevice() };
    const kept = await report({ classCode: '01023' }, headers, as.citizen!.token);
    assert.equal(kept.status, 201, JSON.stringify(kept.body));
    const rejected = await report({ classCode: '01037' }, headers, as.citizen!.token);
    assert.equal(rejected.status, 201, JSON.stringify(rejected.body));
    const keptId = await caseIdOf(kept.body.trackingCode);
    await act(as.acceptor!, keptId, 'confirm', { needsOnSiteCheck: false });
    // The register step delivered twice at once: one wins, the other finds no open task.
    const twice = await Promise.all([as.shiftleader!.post(`/api/v1/cases/${keptId}/actions/register`, {}), as.shiftleader!.post(`/api/v1/cases/${keptId}/actions/register`, {})]);
    assert.deepEqual(twice.map((res) => res.status).sort(), [200, 409]);
    const rejectedId = await caseIdOf(rejected.body.trackingCode);
    await act(as.acceptor!, rejectedId, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, rejectedId, 'reject', { comment: '不属于城管受理范围' });

    await server.engine.pollOnce();
    await server.autoDispatch.idle();
    const points = (await as.citizen!.get('/api/v1/citizen/points')).body;
    assert.equal(points.entries.length, 1, JSON.stringify(points));
    assert.equal(points.balance, 10, 'a manhole cover earns its class\'s 10 points');
    const mine = (await as.citizen!.get('/api/v1/citizen/reports')).body.items as Array<{ trackingCode: string }>;
    assert.ok(mine.some((item) => item.trackingCode === kept.body.trackingCode));
    assert.equal((await as.dispatcher!.get('/api/v1/citizen/points')).status, 403);
  });

  it('gives the same device reporting the same problem close by the earlier code instead of a new case', async () => {
    const headers = { 'x-device-id': newDevice() };
    const first = await report({ classCode: '06042' }, headers);
    const cases = await count('"case"');
    const second = await report({ classCode: '06042', location: { lng: point.lng + 0.0001, lat: point.lat } }, headers);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, { trackingCode: first.body.trackingCode, duplicate: true });
    assert.equal(await count('"case"'), cases);
  });

  it('answers bad input and floods with problem+json and writes nothing', async () => {
    const before = await count('"case"');
    const bad = [
      await report({ classCode: '99999' }),
      await report({ location: { lng: 87.6, lat: 43.8 } }),
      await report({ location: { ...point, crs: 'EPSG3857' } }),
      await report({ attachmentIds: ['00000000-0000-4000-8000-000000000000'] }),
      await report({}, {}),
    ];
    for (const res of bad) {
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
    assert.equal((await server.call('GET', '/api/v1/public/reports/ABCDEFGHJK')).status, 404);
    assert.equal((await server.call('GET', '/api/v1/public/reports/not-a-code')).status, 404);

    const headers = { 'x-device-id': newDevice() };
    const classes = ['06010', '06013', '06036', '06020', '06028'];
    for (const classCode of classes) assert.equal((await report({ classCode }, headers)).status, 201);
    const afterFlood = await count('"case"');
    const limited = await report({ classCode: '06017' }, headers);
    assert.equal(limited.status, 429, JSON.stringify(limited.body));
    assert.match(limited.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal(await count('"case"'), afterFlood, 'nothing written');
    assert.equal(afterFlood, before + classes.length);
  });
});
