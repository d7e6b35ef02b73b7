import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dispatchRulesDataDir, seedDispatchRules } from '../../core/dispatch/seed-dispatch-rules.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { catalog, startTestServer, type TestServer } from '../support/http.ts';
import { act, givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

interface Outcome { caseId: string; ok: boolean; status?: string; problem?: { status: number; field?: string; currentStatus?: string } }

describe('batch actions on cases (批量派遣 / 批量督办)', () => {
  let t: TestDatabase;
  let server: TestServer;
  let point: { lng: number; lat: number };
  const as: Record<string, Caller> = {};

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    await t.db.transaction((sql) => seedDispatchRules(sql, path.join(dispatchRulesDataDir, 'demo-city.json'), catalog));
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'municipal']) as[user] = await signIn(server, user);
  });
  after(async () => {
    await server?.close();
    await t?.dispose();
  });

  const reported = async (classCode: string) =>
    (await as.acceptor!.post('/api/v1/cases', manholeReport(point, { classCode, description: '批量测试' }))).body.id as string;
  const registered = async (classCode: string) => {
    const id = await reported(classCode);
    await act(as.acceptor!, id, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, id, 'register');
    await server.autoDispatch.idle();
    return id;
  };
  const batch = (caller: Caller, action: string, body: unknown) => caller.post(`/api/v1/cases/batch-actions/${action}`, body);
  const historyCount = async (id: string) => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_event WHERE case_id = $1', [id])).rows[0]!.n;

  it('dispatches each case to its own suggested department and reports the cases it could not dispatch', async () => {
    const sewer = await registered('01002'); // 污水井盖 → 市水务局 by rule, not auto-dispatched
    const cable = await registered('10002'); // telecom or power: no single rule decides
    const unconfirmed = await reported('01002'); // still waiting for the acceptor
    const before = await historyCount(unconfirmed);

    const res = await batch(as.dispatcher!, 'dispatch', { caseIds: [sewer, cable, unconfirmed], body: { comment: '批量派遣' } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.succeeded, 1);
    assert.equal(res.body.failed, 2);
    const [first, second, third] = res.body.results as Outcome[];
    assert.deepEqual([first!.caseId, first!.ok, first!.status], [sewer, true, 'handling']);
    assert.equal((await as.dispatcher!.get(`/api/v1/cases/${sewer}`)).body.departmentId, 'water-affairs');
    assert.deepEqual([second!.caseId, second!.ok, second!.problem?.status, second!.problem?.field], [cable, false, 422, 'departmentId']);
    assert.deepEqual([third!.caseId, third!.ok, third!.problem?.status], [unconfirmed, false, 409]);
    assert.equal((await as.dispatcher!.get(`/api/v1/cases/${cable}`)).body.status, 'registered', 'a failed case is left as it was');
    assert.equal(await historyCount(unconfirmed), before, 'and nothing is written to its history');
  });

  it('sends every case to the department named once for all', async () => {
    const ids = [await registered('10002'), await registered('10002')];
    const res = await batch(as.dispatcher!, 'dispatch', { caseIds: ids, body: { departmentId: 'telecom' } });
    assert.equal(res.body.succeeded, 2, JSON.stringify(res.body));
    for (const id of ids) assert.equal((await as.dispatcher!.get(`/api/v1/cases/${id}`)).body.departmentId, 'telecom');
  });

  it('supervises several overdue-prone cases at once, and a department may not', async () => {
    const ids = [await registered('01002'), await registered('01002')];
    await batch(as.dispatcher!, 'dispatch', { caseIds: ids });
    const res = await batch(as.shiftleader!, 'supervise', { caseIds: ids, body: { comment: '请加快处置' } });
    assert.equal(res.body.succeeded, 2, JSON.stringify(res.body));
    for (const id of ids) assert.equal((await as.shiftleader!.get(`/api/v1/cases/${id}`)).body.supervised, true);

    const byDepartment = await batch(as.municipal!, 'supervise', { caseIds: ids });
    assert.equal(byDepartment.status, 200);
    assert.deepEqual((byDepartment.body.results as Outcome[]).map((r) => r.problem?.status), [403, 403]);
  });

  it('refuses a malformed batch as a whole with a problem naming the field, acting on nothing', async () => {
    const id = await registered('01002');
    const cases: Array<[string, unknown, number, string]> = [
      ['no cases', { caseIds: [] }, 422, 'caseIds'],
      ['a case twice', { caseIds: [id, id] }, 422, 'caseIds'],
      ['more than a page', { caseIds: Array.from({ length: 101 }, (_, i) => `c${i}`) }, 422, 'caseIds'],
      ['an unknown member', { caseIds: [id], departmentId: 'telecom' }, 422, 'departmentId'],
    ];
    for (const [what, body, status, field] of cases) {
      const res = await batch(as.dispatcher!, 'dispatch', body);
      assert.equal(res.status, status, what);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, what);
      assert.equal(res.body.field, field, what);
    }
    const unknown = await batch(as.dispatcher!, 'teleport', { caseIds: [id] });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.field, 'action');
    assert.equal((await as.dispatcher!.get(`/api/v1/cases/${id}`)).body.status, 'registered');
    const anonymous = await server.call('POST', '/api/v1/cases/batch-actions/dispatch', { body: { caseIds: [id] } });
    assert.equal(anonymous.status, 401);
  });

  it('answers for a case outside the caller\'s scope exactly as for a single action, revealing nothing', async () => {
    const id = await registered('01002');
    const single = await as.municipal!.post(`/api/v1/cases/${id}/actions/handle`, {});
    const res = await batch(as.municipal!, 'handle', { caseIds: [id, 'no-such-case'] });
    const [outside, missing] = res.body.results as Outcome[];
    assert.equal(outside!.problem?.status, single.status);
    assert.equal(missing!.problem?.status, 404);
  });
});
