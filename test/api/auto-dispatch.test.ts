import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dispatchRulesDataDir, seedDispatchRules } from '../../core/dispatch/seed-dispatch-rules.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { catalog, startTestServer, type TestServer } from '../support/http.ts';
import { act, givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

describe('dispatching by the demo city\'s rules', () => {
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
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'sanitation', 'municipal']) as[user] = await signIn(server, user);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const registered = async (classCode: string) => {
    const id = (await as.acceptor!.post('/api/v1/cases', manholeReport(point, { classCode, description: '测试' }))).body.id as string;
    await act(as.acceptor!, id, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, id, 'register');
    await server.autoDispatch.idle();
    return id;
  };

  it('dispatches exposed garbage (暴露垃圾) to sanitation as soon as it is registered', async () => {
    const id = await registered('06010');
    const current = (await as.acceptor!.get(`/api/v1/cases/${id}`)).body;
    assert.equal(current.status, 'handling');
    assert.equal(current.departmentId, 'sanitation');
    const dispatch = current.history.find((event: { action: string }) => event.action === 'dispatch');
    assert.equal(dispatch.actorName, '自动派遣');
  });

  it('leaves a returned case to the dispatcher instead of sending it back by the same rule', async () => {
    const id = await registered('06010');
    await act(as.sanitation!, id, 'request-return', { comment: '不属本单位' });
    await act(as.dispatcher!, id, 'approve', { request: 'return', approved: true });
    await server.autoDispatch.idle();
    const current = (await as.dispatcher!.get(`/api/v1/cases/${id}`)).body;
    assert.equal(current.status, 'returned');
    assert.ok(current.allowedActions.some((a: { action: string }) => a.action === 'dispatch'));
  });

  it('fills in the suggested department when the dispatcher names none, and says so when no rule decides', async () => {
    const sewer = await registered('01002');
    assert.equal((await as.dispatcher!.get(`/api/v1/cases/${sewer}`)).body.status, 'registered', '污水井盖 is suggested, not auto-dispatched');
    const dispatched = await act(as.dispatcher!, sewer, 'dispatch', {});
    assert.equal(dispatched.departmentId, 'water-affairs');

    const cable = await registered('10002');
    const ambiguous = await as.dispatcher!.post(`/api/v1/cases/${cable}/actions/dispatch`, {});
    assert.equal(ambiguous.status, 422, 'telecom or power: a person decides');
    assert.equal(ambiguous.body.field, 'departmentId');
    assert.equal((await act(as.dispatcher!, cable, 'dispatch', { departmentId: 'telecom' })).departmentId, 'telecom');
  });
});
