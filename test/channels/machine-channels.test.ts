import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey, revokeApiKey, type ApiKeyChannel } from '../../core/identity/api-keys.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, pointInCollectorScope, signIn } from '../api/support.ts';

type Caller = Awaited<ReturnType<typeof signIn>>;

describe('machine and hotline channels over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let point: { lng: number; lat: number };
  const keys: Partial<Record<ApiKeyChannel, string>> = {};
  const as: Record<string, Caller> = {};

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db, clock);
    for (const channel of ['video', 'iot', 'hotline', 'open311'] as const) {
      keys[channel] = (await createApiKey(t.db, { name: `${channel} test`, channel, createdBy: null })).key;
    }
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'collector']) as[user] = await signIn(server, user);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const send = (path: string, body: unknown, apiKey?: string) =>
    server.call('POST', `/api/v1/channels/${path}`, { body, headers: apiKey ? { 'x-api-key': apiKey } : {} });
  const detection = (overrides: Record<string, unknown> = {}) => ({
    eventId: 'cam-0042-20261123-0001',
    classCode: '06010',
    cameraId: 'DC-0042',
    confidence: 0.93,
    location: { lng: point.lng, lat: point.lat },
    detectedAt: '2026-11-23T08:58:12+08:00',
    ...overrides,
  });
  const alarm = (overrides: Record<string, unknown> = {}) => ({
    eventId: 'wl-7-000981',
    sensorId: 'WL-DH-007',
    alarmType: '井盖位移',
    classKind: 'event',
    classCode: '01001',
    location: { lng: point.lng, lat: point.lat },
    value: 12.5,
    at: '2026-11-23T08:59:00+08:00',
    ...overrides,
  });
  const call = (overrides: Record<string, unknown> = {}) => ({
    callId: '12319-20261123-0007',
    callerNumber: '13800000001',
    callerName: '李女士',
    classCode: '09006',
    description: '东华门大街路口有流动摊贩占道经营',
    location: { lng: point.lng, lat: point.lat },
    ...overrides,
  });
  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;
  const dispatcherSees = async (id: string, source: string) =>
    ((await as.dispatcher!.get(`/api/v1/cases?source=${source}&pageSize=500`)).body.items as Array<{ id: string }>).some((c) => c.id === id);

  it('turns a confident video detection into a case the dispatcher sees, with camera and confidence', async () => {
    const res = await send('video-detections', detection(), keys.video);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.headers.get('location'), `/api/v1/cases/${res.body.id}`);
    assert.equal(res.body.source, 'video');
    assert.equal(res.body.className, '暴露垃圾');
    assert.equal(res.body.status, 'reported');
    assert.match(res.body.description, /DC-0042.*93%/);
    assert.equal(res.body.reporter.channel, 'video');
    assert.equal(res.body.reporter.cameraId, 'DC-0042');
    assert.equal(res.body.reporter.confidence, 0.93);
    assert.equal(res.body.reporter.needsHumanConfirmation, false);
    assert.ok(await dispatcherSees(res.body.id, 'video'));
  });

  it('answers a replayed detection with the same case and writes nothing twice', async () => {
    const cases = await count('"case"');
    const first = await send('video-detections', detection({ eventId: 'cam-0042-replay' }), keys.video);
    assert.equal(first.status, 201);
    const again = await send('video-detections', detection({ eventId: 'cam-0042-replay', confidence: 0.5 }), keys.video);
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.body.reporter.confidence, 0.93, 'the first delivery stands');
    assert.equal(await count('"case"'), (cases ?? 0) + 1);
    const events = await t.db.query(`SELECT 1 FROM channel_event WHERE event_id = 'cam-0042-replay'`);
    assert.equal(events.rows.length, 1);
  });

  it('flags a detection below its class threshold for a human to confirm', async () => {
    const burning = await send('video-detections', detection({ eventId: 'cam-0042-smoke', classCode: '06020', confidence: 0.85 }), keys.video);
    assert.equal(burning.status, 201, JSON.stringify(burning.body));
    assert.equal(burning.body.reporter.needsHumanConfirmation, true, '焚烧垃圾 needs 0.9');
    assert.equal(burning.body.reporter.confidenceThreshold, 0.9);
    const garbage = await send('video-detections', detection({ eventId: 'cam-0042-garbage', confidence: 0.72 }), keys.video);
    assert.equal(garbage.body.reporter.needsHumanConfirmation, false, '暴露垃圾 needs only 0.7');
    const unlisted = await send('video-detections', detection({ eventId: 'cam-0042-unlisted', classKind: 'event', classCode: '01001', confidence: 0.79 }), keys.video);
    assert.equal(unlisted.body.reporter.needsHumanConfirmation, true, 'classes not listed need the default 0.8');
  });

  it('refuses forged, revoked and other channels\' keys, and users, before writing anything', async () => {
    const cases = await count('"case"');
    assert.equal((await send('video-detections', detection({ eventId: 'x1' }), 'cck_forged_key')).status, 401);
    assert.equal((await send('video-detections', detection({ eventId: 'x1' }))).status, 401);
    const revoked = await createApiKey(t.db, { name: 'old camera gateway', channel: 'video', createdBy: null });
    await revokeApiKey(t.db, revoked.info.id);
    assert.equal((await send('video-detections', detection({ eventId: 'x1' }), revoked.key)).status, 401);
    assert.equal((await send('video-detections', detection({ eventId: 'x1' }), keys.iot)).status, 403);
    assert.equal((await send('iot-alarms', alarm({ eventId: 'x1' }), keys.video)).status, 403);
    const user = await server.call('POST', '/api/v1/channels/video-detections', { token: as.acceptor!.token, body: detection({ eventId: 'x1' }) });
    assert.equal(user.status, 403);
    assert.equal(await count('"case"'), cases);
  });

  it('answers bad input with 422 naming the field, and lets the sender retry the event once fixed', async () => {
    const cases = await count('"case"');
    const unknownClass = await send('video-detections', detection({ eventId: 'cam-fix', classCode: '99999' }), keys.video);
    assert.equal(unknownClass.status, 422);
    assert.equal(unknownClass.body.field, 'classCode');
    const outside = await send('video-detections', detection({ eventId: 'cam-fix', location: { lng: 121.47, lat: 31.23 } }), keys.video);
    assert.equal(outside.status, 422);
    assert.equal(outside.body.field, 'location');
    const overconfident = await send('video-detections', detection({ eventId: 'cam-fix', confidence: 1.2 }), keys.video);
    assert.equal(overconfident.status, 422);
    assert.equal(overconfident.body.field, 'confidence');
    assert.equal(await count('"case"'), cases);
    const fixed = await send('video-detections', detection({ eventId: 'cam-fix' }), keys.video);
    assert.equal(fixed.status, 201);
  });

  it('refuses a huge payload with 413', async () => {
    const res = await send('video-detections', detection({ eventId: 'big', description: 'x'.repeat(2_000_000) }), keys.video);
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  it('turns an IoT alarm into a case once per event id', async () => {
    const first = await send('iot-alarms', alarm(), keys.iot);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.source, 'iot');
    assert.equal(first.body.className, '供水井盖异常');
    assert.deepEqual([first.body.reporter.sensorId, first.body.reporter.alarmType, first.body.reporter.value], ['WL-DH-007', '井盖位移', 12.5]);
    assert.match(first.body.description, /WL-DH-007.*井盖位移.*12\.5/);
    const again = await send('iot-alarms', alarm(), keys.iot);
    assert.deepEqual([again.status, again.body.id], [200, first.body.id]);
    assert.ok(await dispatcherSees(first.body.id, 'iot'));
    const wrongClass = await send('iot-alarms', alarm({ eventId: 'wl-7-000982', classCode: 'ABC' }), keys.iot);
    assert.equal(wrongClass.status, 422);
  });

  it('takes a hotline call from an acceptor once per call id, through to dispatch', async () => {
    const res = await as.acceptor!.post('/api/v1/channels/hotline-calls', call());
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.source, 'hotline');
    assert.deepEqual([res.body.reporter.callId, res.body.reporter.phone, res.body.reporter.name], ['12319-20261123-0007', '13800000001', '李女士']);
    const fromSystem = await send('hotline-calls', call({ description: '同一来电' }), keys.hotline);
    assert.deepEqual([fromSystem.status, fromSystem.body.id], [200, res.body.id], 'the hotline system entering the same call');

    const id = res.body.id as string;
    assert.equal((await as.acceptor!.post(`/api/v1/cases/${id}/actions/confirm`, { needsOnSiteCheck: false })).status, 200);
    assert.equal((await as.shiftleader!.post(`/api/v1/cases/${id}/actions/register`, { comment: '符合立案条件' })).status, 200);
    await server.autoDispatch.idle();
    const seen = await as.dispatcher!.get(`/api/v1/cases/${id}`);
    const dispatchable = (seen.body.allowedActions as Array<{ action: string }>).some((a) => a.action === 'dispatch');
    assert.ok(dispatchable || seen.body.status === 'handling', `the dispatcher can dispatch it (status ${seen.body.status})`);
  });

  it('keeps hotline intake to acceptors and the hotline key', async () => {
    assert.equal((await as.collector!.post('/api/v1/channels/hotline-calls', call({ callId: 'c2' }))).status, 403);
    assert.equal((await as.dispatcher!.post('/api/v1/channels/hotline-calls', call({ callId: 'c2' }))).status, 403);
    assert.equal((await send('hotline-calls', call({ callId: 'c2' }), keys.video)).status, 403);
    const badNumber = await as.acceptor!.post('/api/v1/channels/hotline-calls', call({ callId: 'c2', callerNumber: 'call me' }));
    assert.equal(badNumber.status, 422);
    assert.equal(badNumber.body.field, 'callerNumber');
  });
});
