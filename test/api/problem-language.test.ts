import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

describe('problem details in the caller\'s language', () => {
  let t: TestDatabase;
  let server: TestServer;
  let acceptor: Caller;
  let dispatcher: Caller;
  let caseId: string;

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    const point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    acceptor = await signIn(server, 'acceptor');
    dispatcher = await signIn(server, 'dispatcher');
    const created = await acceptor.post('/api/v1/cases', manholeReport(point));
    assert.equal(created.status, 201);
    caseId = created.body.id;
  });
  after(async () => {
    await server?.close();
    await t?.dispose();
  });

  const post = (caller: Caller, path: string, body: unknown, language?: string) =>
    server.call('POST', path, { token: caller.token, body, headers: language ? { 'accept-language': language } : {} });

  it('tells a Chinese-speaking clerk in Chinese why an action is not possible now, keeping the machine-readable members', async () => {
    const res = await post(dispatcher, `/api/v1/cases/${caseId}/actions/dispatch`, {}, 'zh-CN,zh;q=0.9');
    assert.equal(res.status, 409);
    assert.equal(res.headers.get('content-language'), 'zh-CN');
    assert.equal(res.body.title, '与当前状态冲突');
    assert.match(res.body.detail, /^案件 \d+ 当前为“[^”]+”，现在不能派遣$/);
    assert.equal(res.body.type, 'https://citycase.org/problems/conflict', 'the type stays the same in every language');
    assert.ok(res.body.currentStatus);
  });

  it('names the missing or wrongly typed field in Chinese', async () => {
    const missing = await post(acceptor, '/api/v1/cases', { source: 'hotline' }, 'zh-CN');
    assert.equal(missing.status, 422);
    assert.equal(missing.body.title, '输入有误');
    assert.match(missing.body.detail, /^缺少必填项 /);
    const wrongType = await post(acceptor, `/api/v1/cases/${caseId}/actions/confirm`, { needsOnSiteCheck: 'no' }, 'zh');
    assert.equal(wrongType.status, 422, JSON.stringify(wrongType.body));
    assert.match(wrongType.body.detail, /needsOnSiteCheck 应为是\/否/);
    assert.equal(wrongType.body.field, 'needsOnSiteCheck');
  });

  it('says in Chinese which role an action needs', async () => {
    const res = await post(dispatcher, `/api/v1/cases/${caseId}/actions/supervise`, {}, 'zh-CN');
    assert.equal(res.status, 409, 'a case not yet dispatched cannot be supervised');
    const wrongRole = await post(acceptor, `/api/v1/cases/${caseId}/actions/supervise`, {}, 'zh-CN');
    assert.equal(wrongRole.status, 403);
    assert.equal(wrongRole.body.detail, '“督办”需由值班长、派遣员、领导办理');
    const admin = await server.call('GET', '/api/v1/users', { token: acceptor.token, headers: { 'accept-language': 'zh-CN' } });
    assert.equal(admin.status, 403);
    assert.equal(admin.body.detail, '此操作需由系统管理员办理');
  });

  it('answers in English to callers that ask for it or name no language, as machine channels do', async () => {
    for (const language of [undefined, 'en-US,zh;q=0.5']) {
      const res = await post(dispatcher, `/api/v1/cases/${caseId}/actions/dispatch`, {}, language);
      assert.equal(res.status, 409);
      assert.equal(res.body.title, 'Conflict with the current state', String(language));
      assert.match(res.body.detail, /"dispatch" is not possible now/);
      assert.equal(res.headers.get('content-language'), 'en');
    }
  });
});
