import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../core/identity/api-keys.ts';
import { wgs84ToGcj02 } from '../../core/geo/index.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, signIn, type Caller } from '../api/support.ts';

const newPoint = {
  code: 'DC-JS-007',
  nameZh: '北新桥下穿通道',
  kind: 'underpass',
  address: '东城区北新桥东四北大街',
  location: { lng: 116.4168, lat: 39.9405 },
  sensorId: 'WL-DC-007',
  waterloggedDepthCm: 15,
  severeDepthCm: 25,
};

describe('waterlogging points management (积水点管理) over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-07-21T10:00:00+08:00');
  let admin: Caller;
  let dispatcher: Caller;
  let iotKey: string;

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    server = await startTestServer(t.db, clock);
    admin = await signIn(server, 'admin');
    dispatcher = await signIn(server, 'dispatcher');
    iotKey = (await createApiKey(t.db, { name: '积水监测平台', channel: 'iot', createdBy: null })).key;
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const call = (method: string, path: string, body?: unknown, token = admin.token) => server.call(method, `/api/v1/waterlogging-points${path}`, { body, token });
  const stored = async (code: string) =>
    (await t.db.query<Record<string, unknown>>(
      'SELECT name_zh, kind, lng, lat, sensor_id, waterlogged_depth_cm::float8 AS waterlogged, severe_depth_cm::float8 AS severe, max_reading_age_minutes FROM waterlogging_point WHERE code = $1',
      [code],
    )).rows[0];
  const pointCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM waterlogging_point')).rows[0]!.n;
  const sendReading = (readingId: string, sensorId: string, depthCm: number) =>
    server.call('POST', '/api/v1/channels/waterlogging-readings', {
      body: { readingId, sensorId, depthCm, measuredAt: new Date(clock.now().getTime() - 60_000).toISOString() },
      headers: { 'x-api-key': iotKey },
    });
  const assertProblem = (res: { status: number; headers: Headers; body: { field?: string } }, status: number, field: string) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(res.body.field, field, JSON.stringify(res.body));
  };

  it('lists the demo points for an administrator with sensor, thresholds, state and readings', async () => {
    const res = await call('GET', '');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const underpass = res.body.items.find((p: { code: string }) => p.code === 'DC-JS-004');
    assert.deepEqual(
      [underpass.nameZh, underpass.sensorId, underpass.thresholds, underpass.maxReadingAgeMinutes, underpass.stateZh, underpass.readingCount],
      ['东便门桥下穿通道', 'WL-DC-004', { waterloggedDepthCm: 15, severeDepthCm: 25 }, 30, '无数据', 0],
    );
  });

  it('is for administrators only: a dispatcher gets 403 and writes nothing', async () => {
    const read = await call('GET', '', undefined, dispatcher.token);
    assert.equal(read.status, 403);
    assert.match(read.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const before = await pointCount();
    assert.equal((await call('POST', '', newPoint, dispatcher.token)).status, 403);
    assert.equal((await call('PUT', '/DC-JS-001', { ...newPoint, code: undefined }, dispatcher.token)).status, 403);
    assert.equal((await call('DELETE', '/DC-JS-006', undefined, dispatcher.token)).status, 403);
    assert.equal(await pointCount(), before);
    assert.ok(await stored('DC-JS-006'));
    assert.equal((await server.call('GET', '/api/v1/waterlogging-points')).status, 401);
  });

  it('creates a point that the public map shows and its sensor can report to', async () => {
    const res = await call('POST', '', newPoint);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.headers.get('location'), '/api/v1/waterlogging-points/DC-JS-007');
    assert.deepEqual([res.body.code, res.body.kindZh, res.body.sensorId, res.body.maxReadingAgeMinutes, res.body.stateZh], ['DC-JS-007', '下穿通道', 'WL-DC-007', 30, '无数据']);
    assert.deepEqual(res.body.location, { ...newPoint.location, crs: 'WGS84' });

    assert.equal((await sendReading('wl7-1', 'WL-DC-007', 18)).status, 201);
    const shown = (await server.call('GET', '/api/v1/public/waterlogging')).body.items.find((p: { code: string }) => p.code === 'DC-JS-007');
    assert.deepEqual([shown.nameZh, shown.stateZh, shown.depthCm], ['北新桥下穿通道', '积水', 18]);
  });

  it('refuses bad input with a problem naming the field, writing nothing', async () => {
    const before = await pointCount();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...newPoint, code: 'DC JS 8' }, 422, 'code'],
      [{ ...newPoint, code: 'DC-JS-008', location: { lng: 200, lat: 39.9 } }, 422, 'location.lng'],
      [{ ...newPoint, code: 'DC-JS-008', location: { lng: 116.4, lat: 39.9, crs: 'BJ54' } }, 422, 'location.crs'],
      [{ ...newPoint, code: 'DC-JS-008', kind: 'river' }, 422, 'kind'],
      [{ ...newPoint, code: 'DC-JS-008', sensorId: 'WL-DC-008', severeDepthCm: 15 }, 422, 'severeDepthCm'],
      // Stored to 0.1 cm, 15.04 and 15.01 would be the same depth.
      [{ ...newPoint, code: 'DC-JS-008', sensorId: 'WL-DC-008', waterloggedDepthCm: 15.01, severeDepthCm: 15.04 }, 422, 'severeDepthCm'],
      [{ ...newPoint, code: 'DC-JS-008', extra: 1 }, 422, 'extra'],
      [{ ...newPoint }, 409, 'code'],
      [{ ...newPoint, code: 'DC-JS-008', sensorId: 'WL-DC-001' }, 409, 'sensorId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await call('POST', '', body);
      assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(res.body.field, field, JSON.stringify(res.body));
    }
    assert.equal(await pointCount(), before);
    assert.equal(await stored('DC-JS-008'), undefined);
  });

  it('replaces every field but the code, taking GCJ-02 positions from Chinese maps; bad changes leave it as it was', async () => {
    const gcj = wgs84ToGcj02([116.417, 39.9406]);
    const { code: _code, ...fields } = newPoint;
    const changes = { ...fields, nameZh: '北新桥路口下穿通道', location: { lng: gcj[0], lat: gcj[1], crs: 'GCJ02' }, severeDepthCm: 27.5, maxReadingAgeMinutes: 15 };
    const res = await call('PUT', '/DC-JS-007', changes);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.nameZh, res.body.thresholds, res.body.maxReadingAgeMinutes, res.body.readingCount], ['北新桥路口下穿通道', { waterloggedDepthCm: 15, severeDepthCm: 27.5 }, 15, 1]);
    const row = (await stored('DC-JS-007'))!;
    assert.ok(Math.abs(Number(row.lng) - 116.417) < 1e-5 && Math.abs(Number(row.lat) - 39.9406) < 1e-5, `stored as WGS-84: ${row.lng}, ${row.lat}`);

    assertProblem(await call('PUT', '/DC-JS-007', { ...changes, waterloggedDepthCm: 30 }), 422, 'severeDepthCm');
    assertProblem(await call('PUT', '/DC-JS-007', { ...changes, sensorId: 'WL-DC-002' }), 409, 'sensorId');
    assertProblem(await call('PUT', '/DC-JS-007', { ...changes, code: 'DC-JS-009' }), 422, 'code');
    assertProblem(await call('PUT', '/DC-JS-999', changes), 404, 'code');
    assert.deepEqual([(await stored('DC-JS-007'))!.waterlogged, (await stored('DC-JS-007'))!.sensor_id], [15, 'WL-DC-007']);
  });

  it('deletes a point without readings; one with readings only with force=true, its readings with it', async () => {
    assert.equal((await call('DELETE', '/DC-JS-006')).status, 204);
    assert.equal(await stored('DC-JS-006'), undefined);

    const refused = await call('DELETE', '/DC-JS-007');
    assertProblem(refused, 409, 'force');
    assert.equal(refused.body.readingCount, 1);
    assert.ok(await stored('DC-JS-007'));

    assert.equal((await call('DELETE', '/DC-JS-007?force=true')).status, 204);
    assert.equal(await stored('DC-JS-007'), undefined);
    const readings = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM waterlogging_reading WHERE point_code = 'DC-JS-007'`)).rows[0]!.n;
    assert.equal(readings, 0);
    assertProblem(await call('DELETE', '/DC-JS-007'), 404, 'code');
    assertProblem(await call('DELETE', '/DC-JS-001?force=maybe'), 422, 'force');
  });
});
