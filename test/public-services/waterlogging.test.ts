import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../core/identity/api-keys.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, signIn } from '../api/support.ts';
import { revalidating } from './support.ts';

interface Point {
  code: string;
  state: string;
  stateZh: string;
  depthCm: number | null;
  measuredAt: string | null;
}

describe('waterlogging points over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-07-20T15:00:00+08:00');
  let iotKey: string;
  let videoKey: string;

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    server = await startTestServer(t.db, clock);
    iotKey = (await createApiKey(t.db, { name: '积水监测平台', channel: 'iot', createdBy: null })).key;
    videoKey = (await createApiKey(t.db, { name: 'video', channel: 'video', createdBy: null })).key;
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const minutesAgo = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString();
  const post = (body: Record<string, unknown>, auth: { headers?: Record<string, string>; token?: string }) =>
    server.call('POST', '/api/v1/channels/waterlogging-readings', { body, ...auth });
  const send = (body: Record<string, unknown>, key = iotKey) => post(body, { headers: { 'x-api-key': key } });
  // DC-JS-004 东便门桥下穿通道: 积水 from 15 cm, 严重积水 from 25 cm.
  const reading = (readingId: string, depthCm: number, measuredAt = minutesAgo(1)) => ({ readingId, sensorId: 'WL-DC-004', depthCm, measuredAt });
  const points = async () => {
    const res = await server.call('GET', '/api/v1/public/waterlogging');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items as Point[];
  };
  const point = async (code: string) => (await points()).find((p) => p.code === code)!;
  const storedRows = async (readingId: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM waterlogging_reading WHERE reading_id = $1', [readingId])).rows[0]!.n;

  it('shows every demo point as 无数据 before any reading, publicly cacheable for a minute', async () => {
    const res = await server.call('GET', '/api/v1/public/waterlogging');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
    assert.deepEqual(
      res.body.items.map((p: Point) => [p.code, p.stateZh, p.depthCm]),
      ['DC-JS-001', 'DC-JS-002', 'DC-JS-003', 'DC-JS-004', 'DC-JS-005', 'DC-JS-006'].map((code) => [code, '无数据', null]),
    );
    const underpass = res.body.items[3];
    assert.equal(underpass.kindZh, '下穿通道');
    assert.deepEqual(underpass.thresholds, { waterloggedDepthCm: 15, severeDepthCm: 25 });
  });

  it('moves a point through 正常, 积水 and 严重积水 as readings arrive, the worst points listed first', async () => {
    const first = await send(reading('wl4-0001', 3.2, minutesAgo(12)));
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual(first.body, {
      readingId: 'wl4-0001',
      sensorId: 'WL-DC-004',
      pointCode: 'DC-JS-004',
      depthCm: 3.2,
      measuredAt: new Date(minutesAgo(12)).toISOString(),
      receivedAt: clock.now().toISOString(),
    });
    assert.equal((await point('DC-JS-004')).stateZh, '正常');

    assert.equal((await send(reading('wl4-0002', 15, minutesAgo(7)))).status, 201);
    assert.equal((await point('DC-JS-004')).stateZh, '积水');

    assert.equal((await send(reading('wl4-0003', 26.5, minutesAgo(2)))).status, 201);
    const list = await points();
    assert.deepEqual([list[0]!.code, list[0]!.state, list[0]!.stateZh, list[0]!.depthCm], ['DC-JS-004', 'severe', '严重积水', 26.5]);
    assert.equal(list[0]!.measuredAt, new Date(minutesAgo(2)).toISOString());
  });

  it('keeps the latest measurement when a sensor back-fills older readings after its link comes back', async () => {
    assert.equal((await send(reading('wl4-0000', 0, minutesAgo(20)))).status, 201);
    const current = await point('DC-JS-004');
    assert.equal(current.stateZh, '严重积水');
    assert.equal(current.depthCm, 26.5);
  });

  it('stores a re-delivered reading once and answers with the first delivery; the same id with other values is a 409', async () => {
    const again = await send(reading('wl4-0003', 26.5, minutesAgo(2)));
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.depthCm, 26.5);
    assert.equal(await storedRows('wl4-0003'), 1);

    const changed = await send(reading('wl4-0003', 40, minutesAgo(2)));
    assert.equal(changed.status, 409);
    assert.equal(changed.body.field, 'readingId');
    assert.equal(await storedRows('wl4-0003'), 1);
    assert.equal((await point('DC-JS-004')).depthCm, 26.5);
  });

  it('revalidates by ETag until the state changes', async () => {
    const before = await server.call('GET', '/api/v1/public/waterlogging');
    const etag = before.headers.get('etag')!;
    assert.ok(etag);
    assert.equal((await server.call('GET', '/api/v1/public/waterlogging', { headers: revalidating(etag) })).status, 304);
    assert.equal((await send({ readingId: 'wl1-0001', sensorId: 'WL-DC-001', depthCm: 4, measuredAt: minutesAgo(1) })).status, 201);
    const after = await server.call('GET', '/api/v1/public/waterlogging', { headers: revalidating(etag) });
    assert.equal(after.status, 200);
    assert.equal(after.body.items.find((p: Point) => p.code === 'DC-JS-001').stateZh, '正常');
  });

  it('shows 无数据 again once the latest reading is older than 30 minutes, still giving the last depth', async () => {
    clock.advance(28 * 60_000);
    assert.equal((await point('DC-JS-004')).stateZh, '严重积水');
    clock.advance(5 * 60_000);
    const silent = await point('DC-JS-004');
    assert.deepEqual([silent.state, silent.stateZh, silent.depthCm], ['no-data', '无数据', 26.5]);
    assert.equal((await send(reading('wl4-0004', 9))).status, 201);
    assert.equal((await point('DC-JS-004')).stateZh, '正常');
  });

  it('takes readings from IoT keys only: a forged key is a 401, another channel\'s key or a user a 403', async () => {
    const forged = await send(reading('wl4-9999', 50), 'cck_forged_0000000000000000000000');
    assert.equal(forged.status, 401);
    assert.match(forged.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal((await post(reading('wl4-9999', 50), {})).status, 401);
    assert.equal((await send(reading('wl4-9999', 50), videoKey)).status, 403);
    const admin = await signIn(server, 'admin');
    assert.equal((await post(reading('wl4-9999', 50), { token: admin.token })).status, 403);
    assert.equal(await storedRows('wl4-9999'), 0);
    assert.equal((await point('DC-JS-004')).depthCm, 9);
  });

  it('refuses unknown sensors, negative depths and readings from the future with a problem naming the field', async () => {
    const future = new Date(clock.now().getTime() + 10 * 60_000).toISOString();
    for (const [body, field] of [
      [{ ...reading('wl-x-1', 5), sensorId: 'WL-NOWHERE' }, 'sensorId'],
      [reading('wl-x-2', -1), 'depthCm'],
      [reading('wl-x-3', 5, future), 'measuredAt'],
      [{ ...reading('wl-x-4', 5), measuredAt: 'yesterday' }, 'measuredAt'],
      [{ sensorId: 'WL-DC-004', depthCm: 5, measuredAt: minutesAgo(1) }, 'readingId'],
    ] as const) {
      const res = await send(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.field, field, JSON.stringify(res.body));
    }
    assert.equal((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM waterlogging_reading WHERE reading_id LIKE 'wl-x-%'`)).rows[0]!.n, 0);
  });
});
