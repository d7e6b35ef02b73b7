import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { act, givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

interface Approval { request: string; task: { key: string; elementId: string }; case: { id: string; className: string; statusLabelZh: string; departmentId: string }; asked: { actorName: string; comment: string; data: { limit?: string } } | null }

describe('the approvals inbox (审批待办) in one request', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let point: { lng: number; lat: number };
  const as: Record<string, Caller> = {};

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db, clock);
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'water-supply', 'municipal']) as[user] = await signIn(server, user);
  });
  after(async () => {
    await server?.close();
    await t?.dispose();
  });

  const handling = async (departmentId: string) => {
    const id = (await as.acceptor!.post('/api/v1/cases', manholeReport(point))).body.id as string;
    await act(as.acceptor!, id, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, id, 'register');
    await act(as.dispatcher!, id, 'dispatch', { departmentId });
    return id;
  };
  const approvalsOf = async (caller: Caller) => {
    const res = await caller.get('/api/v1/approvals');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items as Approval[];
  };

  it('lists each request with its case and who asked for what, oldest first, and drops it once decided', async () => {
    const extended = await handling('water-supply');
    clock.advance(60_000);
    const returned = await handling('municipal');
    await act(as['water-supply']!, extended, 'request-extension', { limit: '2 工作日', reason: '需要采购井盖' });
    clock.advance(60_000);
    await act(as.municipal!, returned, 'request-return', { comment: '供水井盖属自来水公司' });
    // Handling tasks of other cases sit in other inboxes; the dispatcher's own dispatch work is not an approval.
    await as.acceptor!.post('/api/v1/cases', manholeReport(point));

    const items = await approvalsOf(as.dispatcher!);
    assert.deepEqual(items.map((a) => [a.case.id, a.request, a.task.elementId]), [
      [extended, 'extension', 'Task_ApproveExtension'],
      [returned, 'return', 'Task_ApproveReturn'],
    ]);
    const [extension, ret] = items;
    assert.equal(extension!.asked?.data.limit, '2 工作日');
    assert.equal(extension!.case.departmentId, 'water-supply');
    assert.equal(extension!.case.className, '供水井盖异常');
    assert.ok(extension!.case.statusLabelZh);
    assert.equal(ret!.asked?.comment, '供水井盖属自来水公司');
    assert.ok(ret!.asked?.actorName);

    assert.deepEqual(await approvalsOf(as['water-supply']!), [], 'a department decides no requests');
    await act(as.dispatcher!, returned, 'approve', { request: 'return', approved: true, comment: '同意回退' });
    assert.deepEqual((await approvalsOf(as.dispatcher!)).map((a) => a.case.id), [extended]);
    assert.equal((await server.call('GET', '/api/v1/approvals')).status, 401);
  });
});
