import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { act, givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

describe('return, extension, suspension, rework and void over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let point: { lng: number; lat: number };
  const as: Record<string, Caller> = {};

  // Access tokens live 15 minutes of the test clock: sign in again after moving it.
  const signInAll = async () => {
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'collector', 'water-supply', 'municipal']) as[user] = await signIn(server, user);
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

  const handling = async (departmentId: string) => {
    const id = (await as.acceptor!.post('/api/v1/cases', manholeReport(point))).body.id as string;
    await act(as.acceptor!, id, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, id, 'register');
    await act(as.dispatcher!, id, 'dispatch', { departmentId });
    return id;
  };

  it('returns a wrongly dispatched case to the dispatcher, who sends it to the right department', async () => {
    const id = await handling('municipal');
    const requested = await act(as.municipal!, id, 'request-return', { comment: '供水井盖属自来水公司' });
    assert.equal(requested.status, 'return-requested');
    const approved = await act(as.dispatcher!, id, 'approve', { request: 'return', approved: true, comment: '同意回退' });
    assert.equal(approved.status, 'returned');
    assert.equal(approved.returnCount, 1);
    const redispatched = await act(as.dispatcher!, id, 'dispatch', { departmentId: 'water-supply' });
    assert.equal(redispatched.departmentId, 'water-supply');
    assert.equal((await as.municipal!.get(`/api/v1/cases/${id}`)).status, 403, 'the first department no longer sees it');
  });

  it('moves the deadline on an approved extension and keeps it on a denied one', async () => {
    const id = await handling('water-supply');
    const before = (await as['water-supply']!.get(`/api/v1/cases/${id}`)).body.deadline as string;
    const missing = await as['water-supply']!.post(`/api/v1/cases/${id}/actions/request-extension`, { reason: '需要采购井盖' });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.field, 'limit', 'the error names the field the caller sent');
    await act(as['water-supply']!, id, 'request-extension', { limit: '2 工作日', reason: '需要采购井盖' });
    const denied = await act(as.dispatcher!, id, 'approve', { request: 'extension', approved: false, comment: '时限充足' });
    assert.equal(denied.status, 'handling');
    assert.equal(denied.deadline, before);
    await act(as['water-supply']!, id, 'request-extension', { limit: '2 工作日', reason: '需要采购井盖' });
    const approved = await act(as.dispatcher!, id, 'approve', { request: 'extension', approved: true });
    assert.ok(new Date(approved.deadline) > new Date(before), 'the deadline moved');
    assert.equal(approved.extensionCount, 1);
    const decisions = approved.history.filter((e: { action: string }) => e.action.startsWith('extend')).map((e: { action: string; actorRole: string }) => [e.action, e.actorRole]);
    assert.deepEqual(decisions, [['extend-denied', 'dispatcher'], ['extend', 'dispatcher']]);
  });

  it('suspends a case, stops its clock, and resumes it with the time it had left', async () => {
    const id = await handling('water-supply');
    await act(as['water-supply']!, id, 'request-suspension', { reason: '需市政规划改造，资金待批' });
    const suspended = await act(as.dispatcher!, id, 'approve', { request: 'suspension', approved: true });
    assert.equal(suspended.statusKind, 'suspended');
    const left = suspended.remaining.milliseconds as number;
    clock.advance(3 * 24 * 3600_000);
    await signInAll();
    const later = (await as['water-supply']!.get(`/api/v1/cases/${id}`)).body;
    assert.equal(later.remaining.milliseconds, left, 'no time passes while suspended');
    const resumed = await act(as['water-supply']!, id, 'resume', { comment: '资金已到位' });
    assert.equal(resumed.status, 'handling');
    assert.ok(Math.abs(resumed.remaining.milliseconds - left) < 60_000, `${resumed.remaining.milliseconds} vs ${left}`);
  });

  it('sends a failed verification back to the same department as rework, then closes', async () => {
    const id = await handling('water-supply');
    await act(as['water-supply']!, id, 'handle', { comment: '已处置' });
    const failed = await act(as.collector!, id, 'verify', { passed: false, comment: '井盖仍松动' });
    assert.equal(failed.status, 'handling');
    assert.equal(failed.reworkCount, 1);
    assert.equal(failed.departmentId, 'water-supply');
    await act(as['water-supply']!, id, 'handle', { comment: '已加固' });
    await act(as.collector!, id, 'verify', { passed: true });
    assert.equal((await act(as.shiftleader!, id, 'close')).status, 'closed');
  });

  it('voids a case on request once the shift leader approves, and only then', async () => {
    const id = await handling('water-supply');
    await act(as['water-supply']!, id, 'request-void', { comment: '重复上报' });
    const again = await as.acceptor!.post(`/api/v1/cases/${id}/actions/request-void`, { comment: '重复' });
    assert.equal(again.status, 409, 'one request at a time');
    const forbidden = await as.dispatcher!.post(`/api/v1/cases/${id}/actions/approve`, { request: 'void', approved: true });
    assert.equal(forbidden.status, 403, 'only the shift leader approves a void');
    const voided = await act(as.shiftleader!, id, 'approve', { request: 'void', approved: true, comment: '确认作废' });
    assert.equal(voided.status, 'voided');
    assert.deepEqual(voided.allowedActions, []);
    const inbox = await as['water-supply']!.get(`/api/v1/tasks?caseId=${id}`);
    assert.equal(inbox.body.total, 0, 'its handling task is gone');
  });

  it('lets the command centre supervise a case by hand, notifying the department head', async () => {
    const id = await handling('water-supply');
    assert.equal((await as['water-supply']!.post(`/api/v1/cases/${id}/actions/supervise`, {})).status, 403);
    const supervised = await act(as.shiftleader!, id, 'supervise', { comment: '请加快处置' });
    assert.equal(supervised.supervised, true);
    const { rows } = await t.db.query<{ kind: string; recipient: { role: string; departmentId: string } }>(
      'SELECT kind, recipient FROM notification_outbox WHERE case_id = $1',
      [id],
    );
    assert.deepEqual(rows.map((r) => [r.kind, r.recipient.role, r.recipient.departmentId]), [['supervise', 'department-head', 'water-supply']]);
  });
});
