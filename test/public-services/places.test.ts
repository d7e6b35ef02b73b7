import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { wgs84ToGcj02 } from '../../core/geo/index.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity } from '../api/support.ts';
import { revalidating } from './support.ts';

// Haversine on the IUGG mean radius, worked out apart from the code under test, from (116.4100, 39.9200) in 东华门街道.
const toiletsNearest = [
  ['DC-WC-005', 142], // 王府井北大街公厕 (file only)
  ['DC-WC-011', 294],
  ['11010103001000008', 497], // inventory only
  ['11010103001000003', 505],
  ['DC-WC-003', 508], // the file's 灯市口大街公厕, at the inventory's surveyed position of 11010103001000005
  ['11010103001000004', 521], // 521.48 m, before DC-WC-008 at 521.00 m: equal metres go in code order
  ['DC-WC-008', 521],
  ['DC-WC-007', 559],
] as const;

describe('public places over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    server = await startTestServer(t.db, new ManualClock());
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const places = (query: string, headers: Record<string, string> = {}) => server.call('GET', `/api/v1/public/places?${query}`, { headers });

  it('lists toilets nearest first with their distance in metres, without signing in', async () => {
    const res = await places('kind=toilet&lng=116.41&lat=39.92&limit=8');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.items.map((p: { code: string; distanceMetres: number }) => [p.code, p.distanceMetres]),
      toiletsNearest.map(([code, metres]) => [code, metres]),
    );
    assert.deepEqual(res.body.origin, { lng: 116.41, lat: 39.92, crs: 'WGS84' });
    const nearest = res.body.items[0];
    assert.equal(nearest.nameZh, '王府井北大街公厕');
    assert.equal(nearest.openingHours, '06:00-23:00');
    assert.equal(nearest.accessible, true);
    assert.equal(nearest.componentCode, null);
  });

  it('merges a file toilet with its inventory twin, by component code or by standing within metres of it', async () => {
    const all = (await places('kind=toilet&lng=116.41&lat=39.92&limit=50')).body.items as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const byCode = new Map(all.map((p) => [p.code, p]));
    // 16 file entries, one of them for a removed toilet, plus 4 inventory toilets no entry describes.
    assert.equal(all.length, 19);
    const named = byCode.get('DC-WC-001')!;
    assert.equal(named.componentCode, '11010103001000001');
    assert.deepEqual(named.location, { lng: 116.4170096, lat: 39.9220345, crs: 'WGS84' });
    assert.equal(named.nameZh, '东四南大街公厕');
    const near = byCode.get('DC-WC-002')!;
    assert.equal(near.componentCode, '11010103001000002');
    assert.equal(near.distanceMetres, 753);
    for (const twin of ['11010103001000001', '11010103001000002', '11010103001000005']) assert.equal(byCode.has(twin), false, twin);
    const inventoryOnly = byCode.get('11010103001000003')!;
    assert.equal(inventoryOnly.nameZh, '公共厕所');
    assert.equal(inventoryOnly.openingHours, null);
    assert.equal(inventoryOnly.accessible, null);
    assert.ok(inventoryOnly.address, 'the community stands in for an address the inventory lacks');
  });

  it('drops a toilet the inventory marks removed, even though the file still lists it', async () => {
    const codes = (await places('kind=toilet&lng=116.41&lat=39.92&limit=50')).body.items.map((p: { code: string }) => p.code);
    assert.equal(codes.includes('DC-WC-004'), false);
    assert.equal(codes.includes('11010103001000006'), false);
    await t.db.query(`UPDATE component SET state = 'removed' WHERE id = '11010103001000008'`);
    const after = (await places('kind=toilet&lng=116.41&lat=39.92&limit=3')).body.items.map((p: { code: string }) => p.code);
    assert.deepEqual(after, ['DC-WC-005', 'DC-WC-011', '11010103001000003']);
    await t.db.query(`UPDATE component SET state = 'intact' WHERE id = '11010103001000008'`);
  });

  it('measures a park to its nearest entrance and names it', async () => {
    const res = await places('kind=park&lng=116.41&lat=39.92&limit=3');
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((p: { code: string; distanceMetres: number }) => [p.code, p.distanceMetres]),
      [['DC-PK-001', 666], ['DC-PK-002', 1266], ['DC-PK-003', 1458]],
    );
    const park = res.body.items[0];
    assert.equal(park.nameZh, '皇城根遗址公园');
    assert.equal(park.nearestEntrance, '东华门大街入口');
    assert.deepEqual(park.location, { lng: 116.4047, lat: 39.9156, crs: 'WGS84' });
    assert.equal(park.entrances.length, 3);
  });

  it('takes the origin in GCJ-02, as a phone\'s map gives it', async () => {
    const [lng, lat] = wgs84ToGcj02([116.41, 39.92]);
    const res = await places(`kind=toilet&lng=${lng}&lat=${lat}&crs=GCJ02&limit=2`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((p: { code: string }) => p.code), ['DC-WC-005', 'DC-WC-011']);
    assert.ok(Math.abs(res.body.origin.lng - 116.41) < 1e-5 && Math.abs(res.body.origin.lat - 39.92) < 1e-5, JSON.stringify(res.body.origin));
  });

  it('lets caches keep the answer and revalidate it by ETag', async () => {
    const first = await places('kind=park&lng=116.41&lat=39.92');
    assert.equal(first.headers.get('cache-control'), 'public, max-age=900');
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const revalidate = revalidating(etag);
    const again = await places('kind=park&lng=116.41&lat=39.92', revalidate);
    assert.equal(again.status, 304);
    const elsewhere = await places('kind=park&lng=116.40&lat=39.93', revalidate);
    assert.equal(elsewhere.status, 200);
  });

  it('refuses bad coordinates, kinds and limits with a problem naming the field', async () => {
    for (const [query, field] of [
      ['kind=toilet&lng=116.41&lat=95', 'lat'],
      ['kind=toilet&lng=east&lat=39.92', 'lng'],
      ['kind=toilet&lat=39.92', 'lng'],
      ['kind=bench&lng=116.41&lat=39.92', 'kind'],
      ['kind=park&lng=116.41&lat=39.92&limit=0', 'limit'],
      ['kind=park&lng=116.41&lat=39.92&crs=BD99', 'crs'],
    ] as const) {
      const res = await places(query);
      assert.equal(res.status, 422, query);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(res.body.field, field, query);
    }
  });
});

describe('public places on a platform started without a places file', () => {
  let t: TestDatabase;
  let server: TestServer;

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    server = await startTestServer(t.db, new ManualClock(), { placesFile: undefined });
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('lists the inventory\'s toilets only and no parks, rather than another city\'s places', async () => {
    const toilets = await server.call('GET', '/api/v1/public/places?kind=toilet&lng=116.41&lat=39.92&limit=50');
    assert.equal(toilets.status, 200);
    const standing = await t.db.query<{ id: string }>(
      `SELECT id FROM component WHERE class_code IN ('03001', '0301') AND state NOT IN ('removed', 'lost') ORDER BY id`,
    );
    assert.ok(standing.rows.length > 0);
    assert.deepEqual(toilets.body.items.map((p: { code: string }) => p.code).sort(), standing.rows.map((row) => row.id));
    assert.ok(toilets.body.items.every((p: { code: string; componentCode: string; openingHours: null }) => p.componentCode === p.code && p.openingHours === null));
    const parks = await server.call('GET', '/api/v1/public/places?kind=park&lng=116.41&lat=39.92');
    assert.deepEqual(parks.body.items, []);
  });
});
