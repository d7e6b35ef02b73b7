import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { act, givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

describe('a case from report to close over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let point: { lng: number; lat: number; gridCode: string };
  const as: Record<string, Caller> = {};

  const signInAll = async () => {
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'collector', 'collector2', 'water-supply', 'gas', 'leader', 'citizen']) {
      as[user] = await signIn(server, user);
    }
  };

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db, clock);
    await signInAll();
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const actions = async (caller: Caller, id: string) =>
    ((await caller.get(`/api/v1/cases/${id}`)).body.allowedActions as Array<{ action: string }>).map((a) => a.action);

  it('takes a hotline report through confirm, register, dispatch, handle, verify and close', async () => {
    const created = await as.acceptor!.post('/api/v1/cases', manholeReport(point));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    assert.match(created.body.caseNumber, /^20261123\d{5}$/);
    assert.equal(created.body.status, 'reported');
    assert.equal(created.body.className, '供水井盖异常');
    assert.ok(created.body.gridCode, 'placed in a unit grid');
    assert.ok(created.body.street, 'with its street');

    assert.deepEqual(await actions(as.acceptor!, id), ['confirm', 'request-void']);
    assert.deepEqual(await actions(as.dispatcher!, id), ['request-void'], 'the dispatcher has nothing to do yet');
    await act(as.acceptor!, id, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, id, 'register', { comment: '符合立案条件' });
    const dispatched = await act(as.dispatcher!, id, 'dispatch', { departmentId: 'water-supply' });
    assert.equal(dispatched.status, 'handling');
    assert.equal(dispatched.departmentId, 'water-supply');
    assert.ok(dispatched.deadline, 'a deadline from the class rule');
    assert.ok(dispatched.remaining.milliseconds > 0);
    assert.deepEqual(dispatched.activeElementIds, ['Catch_VoidRequested', 'Task_Handle'], 'handling, and listening for a void request');
    assert.deepEqual(dispatched.completedElementIds, ['Task_Confirm', 'Task_Dispatch', 'Task_RegisterDecision'], 'the path taken so far');

    // The department sees its case's diagram (the process catalogue stays the administrator's); another does not.
    const diagram = await as['water-supply']!.get(`/api/v1/cases/${id}/diagram`);
    assert.equal(diagram.status, 200, JSON.stringify(diagram.body));
    assert.equal(diagram.body.processId, dispatched.processId);
    assert.equal(diagram.body.version, dispatched.processVersion);
    assert.match(diagram.body.xml, /id="Task_Handle"/);
    assert.equal((await as.gas!.get(`/api/v1/cases/${id}/diagram`)).status, 403);
    assert.equal((await as['water-supply']!.get(`/api/v1/processes/${dispatched.processId}/versions/${dispatched.processVersion}`)).status, 403);

    const inbox = await as['water-supply']!.get('/api/v1/tasks');
    assert.deepEqual(inbox.body.items.map((task: { caseId: string; elementId: string }) => [task.caseId, task.elementId]), [[id, 'Task_Handle']]);
    assert.equal((await as.gas!.get('/api/v1/tasks')).body.total, 0, 'another department sees no task');
    assert.equal((await as['water-supply']!.get('/api/v1/tasks?view=mine')).body.total, 0, 'nobody has claimed it yet');
    const claimed = await as['water-supply']!.post(`/api/v1/tasks/${inbox.body.items[0].key}/claim`);
    assert.equal(claimed.status, 200);
    assert.equal((await as['water-supply']!.get('/api/v1/tasks?view=mine')).body.total, 1);
    assert.equal((await as['water-supply']!.get('/api/v1/tasks?view=group')).body.total, 0, 'a claimed task leaves the group queue');

    await act(as['water-supply']!, id, 'handle', { comment: '已更换井盖' });
    assert.ok((await actions(as.collector!, id)).includes('verify'));
    await act(as.collector!, id, 'verify', { passed: true, comment: '现场已修复' });
    const closed = await act(as.shiftleader!, id, 'close', {});
    assert.equal(closed.status, 'closed');
    assert.equal(closed.statusKind, 'closed');
    assert.deepEqual(closed.allowedActions, []);
    const trail = closed.history.map((event: { action: string }) => event.action);
    for (const step of ['report', 'confirm', 'register', 'dispatch', 'feedback', 'verify', 'close']) assert.ok(trail.includes(step), `${step} in ${trail}`);
    const registered = closed.history.find((event: { action: string }) => event.action === 'register');
    assert.equal(registered.actorName, '值班长');
    assert.equal(registered.actorRole, 'shift-leader');
    assert.equal(registered.comment, '符合立案条件');
    const dispatchedEvent = closed.history.find((event: { action: string }) => event.action === 'dispatch');
    assert.equal(dispatchedEvent.comment, null, "a step without a comment does not repeat the previous step's");
  });

  it('answers the wrong role with 403 and the wrong state with 409 naming the status and what is allowed', async () => {
    const id = (await as.acceptor!.post('/api/v1/cases', manholeReport(point))).body.id as string;
    const wrongRole = await as.dispatcher!.post(`/api/v1/cases/${id}/actions/confirm`, { needsOnSiteCheck: false });
    assert.equal(wrongRole.status, 403);
    const wrongState = await as.dispatcher!.post(`/api/v1/cases/${id}/actions/dispatch`, { departmentId: 'water-supply' });
    assert.equal(wrongState.status, 409);
    assert.equal(wrongState.body.status, 409);
    assert.equal(wrongState.body.currentStatus, 'reported');
    assert.deepEqual(wrongState.body.allowedActions, ['request-void']);
    const badBody = await as.acceptor!.post(`/api/v1/cases/${id}/actions/confirm`, { needsOnSiteCheck: 'maybe' });
    assert.equal(badBody.status, 422);
    assert.equal(badBody.body.field, 'needsOnSiteCheck');
    assert.equal((await as.acceptor!.post(`/api/v1/cases/${id}/actions/teleport`, {})).status, 404);
    const still = await as.acceptor!.get(`/api/v1/cases/${id}`);
    assert.equal(still.body.status, 'reported', 'refused actions changed nothing');
    assert.equal(still.body.history.length, 1);
  });

  it('keeps departments, collectors and citizens to their own cases', async () => {
    const id = (await as.acceptor!.post('/api/v1/cases', manholeReport(point))).body.id as string;
    assert.equal((await as.gas!.get(`/api/v1/cases/${id}`)).status, 403);
    assert.equal((await as.collector2!.get(`/api/v1/cases/${id}`)).status, 403, 'a collector of another street');
    assert.equal((await as.collector!.get(`/api/v1/cases/${id}`)).status, 200, 'the collector of the grid');
    assert.equal((await as.citizen!.get(`/api/v1/cases/${id}`)).status, 403);
    const mine = await as.citizen!.post('/api/v1/cases', manholeReport(point, { source: 'citizen' }));
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    const list = await as.citizen!.get('/api/v1/cases');
    assert.deepEqual(list.body.items.map((c: { id: string }) => c.id), [mine.body.id]);
    assert.equal((await as.leader!.get(`/api/v1/cases/${id}`)).status, 200, 'leaders read everything');
    assert.equal((await as.leader!.post('/api/v1/cases', manholeReport(point))).status, 403, 'leaders do not report');
    assert.equal((await as.collector!.post('/api/v1/cases', manholeReport(point))).status, 403, 'a collector reports as a collector');
  });

  it('refuses bad reports with the offending field and writes nothing', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"')).rows[0]?.n;
    const cases: Array<[Record<string, unknown>, string]> = [
      [manholeReport(point, { classCode: '99999' }), 'classCode'],
      [manholeReport(point, { location: { lng: 121.47, lat: 31.23 } }), 'location'],
      [manholeReport(point, { location: { lng: 200, lat: 30 } }), 'location.lng'],
      [manholeReport(point, { location: { lng: point.lng, lat: point.lat, crs: 'EPSG:3857' } }), 'location.crs'],
      [manholeReport(point, { source: 'telepathy' }), 'source'],
      [manholeReport(point, { extra: true }), 'extra'],
      [{ ...manholeReport(point), description: undefined }, 'description'],
      [manholeReport(point, { classKind: undefined }), 'classKind'],
    ];
    for (const [body, field] of cases) {
      const res = await as.acceptor!.post('/api/v1/cases', body);
      assert.equal(res.status, 422, `${field}: ${JSON.stringify(res.body)}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal(res.body.field, field);
    }
    const after = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"')).rows[0]?.n;
    assert.equal(after, before);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM engine_instance`);
    assert.equal(rows[0]?.n, before, 'no workflow started for a refused report');
  });

  it('stores SQL- and HTML-looking text inertly', async () => {
    const description = `'); DROP TABLE "case"; -- <script>alert(1)</script>`;
    const res = await as.acceptor!.post('/api/v1/cases', manholeReport(point, { description }));
    assert.equal(res.status, 201);
    const shown = await as.acceptor!.get(`/api/v1/cases/${res.body.id}`);
    assert.equal(shown.body.description, description);
    const found = await as.acceptor!.get(`/api/v1/cases?q=${encodeURIComponent('DROP TABLE')}`);
    assert.equal(found.body.total, 1);
  });

  it('places a GCJ-02 location from a Chinese map SDK in the same grid as its WGS-84 point', async () => {
    const { wgs84ToGcj02 } = await import('../../core/geo/index.ts');
    const [lng, lat] = wgs84ToGcj02([point.lng, point.lat]);
    const res = await as.acceptor!.post('/api/v1/cases', manholeReport(point, { location: { lng, lat, crs: 'GCJ02' } }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.ok(Math.abs(res.body.lng - point.lng) < 1e-5 && Math.abs(res.body.lat - point.lat) < 1e-5);
  });

  it('continues a case after the server restarts mid-process', async () => {
    const id = (await as.acceptor!.post('/api/v1/cases', manholeReport(point))).body.id as string;
    await act(as.acceptor!, id, 'confirm', { needsOnSiteCheck: false });
    await server.close();
    server = await startTestServer(t.db, clock);
    await signInAll();
    await act(as.shiftleader!, id, 'register', {});
    const dispatched = await act(as.dispatcher!, id, 'dispatch', { departmentId: 'water-supply' });
    assert.equal(dispatched.status, 'handling');
  });
});
