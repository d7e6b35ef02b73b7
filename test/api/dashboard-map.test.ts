import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { act, givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

describe('cases on the map', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let point: { lng: number; lat: number };
  let unitGrid: string;
  const as: Record<string, Caller> = {};
  const ids: string[] = [];

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db, clock);
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'water-supply', 'municipal', 'citizen']) as[user] = await signIn(server, user);
    unitGrid = (await as.acceptor!.get(`/api/v1/grids/locate?lng=${point.lng}&lat=${point.lat}`)).body.gridCode;
    for (let i = 0; i < 3; i += 1) ids.push((await as.acceptor!.post('/api/v1/cases', manholeReport(point))).body.id);
    await act(as.acceptor!, ids[0]!, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, ids[0]!, 'register');
    await act(as.dispatcher!, ids[0]!, 'dispatch', { departmentId: 'water-supply' });
    await act(as.acceptor!, ids[1]!, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, ids[1]!, 'reject', { comment: '不属于立案范围' });
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('shows the unfinished cases as points with their status, and the finished ones on request', async () => {
    const res = await as.shiftleader!.get('/api/v1/map/cases');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/geo\+json/);
    const byId = new Map(res.body.features.map((f: { properties: { id: string } }) => [f.properties.id, f]));
    assert.deepEqual([...byId.keys()].sort(), [ids[0], ids[2]].sort(), 'the rejected report is finished');
    const handling = byId.get(ids[0]!) as { geometry: { coordinates: number[] }; properties: Record<string, unknown> };
    assert.equal(handling.properties.status, 'handling');
    assert.equal(handling.properties.statusLabelZh, '处置中');
    assert.equal(handling.properties.gridCode, unitGrid);
    assert.ok(Math.abs(handling.geometry.coordinates[0]! - point.lng) < 1e-6);
    const closed = await as.shiftleader!.get('/api/v1/map/cases?statusKind=closed');
    assert.deepEqual(closed.body.features.map((f: { properties: { id: string } }) => f.properties.id), [ids[1]]);
  });

  it('counts the cases per unit grid for the heat layer', async () => {
    const res = await as.shiftleader!.get('/api/v1/map/grid-counts');
    assert.deepEqual(res.body.items, [{ gridCode: unitGrid, cases: 2 }]);
  });

  it('names the open cases of the same class nearby before a report is submitted', async () => {
    const near = await as.acceptor!.get(`/api/v1/map/likely-duplicates?classCode=01001&lng=${point.lng + 0.0003}&lat=${point.lat}`);
    assert.equal(near.status, 200, JSON.stringify(near.body));
    assert.deepEqual(near.body.items.map((c: { id: string }) => c.id).sort(), [ids[0], ids[2]].sort(), 'the rejected one is finished');
    assert.ok(near.body.items.every((c: { distanceMetres: number }) => c.distanceMetres > 0 && c.distanceMetres <= 100));
    const far = await as.acceptor!.get(`/api/v1/map/likely-duplicates?classCode=01001&lng=${point.lng + 0.01}&lat=${point.lat}`);
    assert.deepEqual(far.body.items, []);
    const otherClass = await as.acceptor!.get(`/api/v1/map/likely-duplicates?classCode=01002&lng=${point.lng}&lat=${point.lat}`);
    assert.deepEqual(otherClass.body.items, []);
    assert.equal((await as['water-supply']!.get(`/api/v1/map/likely-duplicates?classCode=01001&lng=${point.lng}&lat=${point.lat}`)).status, 403);
    const missing = await as.acceptor!.get(`/api/v1/map/likely-duplicates?classCode=01001&lng=${point.lng}`);
    assert.equal(missing.status, 422);
    assert.equal(missing.body.field, 'lat');
  });

  it("keeps to the caller's scope and refuses a citizen and a bad filter", async () => {
    const own = await as['water-supply']!.get('/api/v1/map/cases');
    assert.deepEqual(own.body.features.map((f: { properties: { id: string } }) => f.properties.id), [ids[0]]);
    assert.deepEqual((await as.municipal!.get('/api/v1/map/grid-counts')).body.items, []);
    const citizen = await as.citizen!.get('/api/v1/map/cases');
    assert.equal(citizen.status, 403);
    assert.match(citizen.headers.get('content-type') ?? '', /problem\+json/);
    const bad = await as.shiftleader!.get('/api/v1/map/cases?statusKind=lost');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.field, 'statusKind');
  });
});
