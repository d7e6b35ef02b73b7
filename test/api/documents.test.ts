import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeCase } from '../../core/case/actions/close.ts';
import { superviseCase } from '../../core/case/actions/supervise.ts';
import { verifyCase } from '../../core/case/actions/verify.ts';
import type { CaseRecord } from '../../core/case/case-types.ts';
import { printedTime } from '../../core/documents/printed-time.ts';
import { createUser } from '../../core/identity/users.ts';
import { actors, givenHandlingCase, givenVerifyingCase, hour, mondayNine, roadsDepartment, waterDepartment } from '../lifecycle/builders.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

const password = 'correct horse battery';
const script = '<script>alert("xss")</script>';

describe('case notices over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  let handling: CaseRecord;
  const tokens: Record<string, string> = {};

  before(async () => {
    t = await openTestDatabase();
    server = await startTestServer(t.db);
    handling = await givenHandlingCase(t.db, new Date(mondayNine), {
      description: `井盖破损 ${script} & 周边有积水`,
      address: '人民路 "100" 号 <b>东侧</b>',
    });
    const users = {
      dispatcher: { roles: ['dispatcher'] },
      water: { roles: ['department'], departmentId: waterDepartment },
      roads: { roles: ['department'], departmentId: roadsDepartment },
      citizen: { roles: ['citizen'] },
    } as const;
    for (const [username, scope] of Object.entries(users)) {
      await createUser(t.db, { username, displayName: username, password, ...scope, roles: [...scope.roles] });
      tokens[username] = (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken;
    }
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const document = (username: string, caseId: string, template: string) =>
    server.call('GET', `/api/v1/cases/${caseId}/documents/${template}`, { token: tokens[username] });

  it('prints the dispatch notice with the case, its place, department and Beijing-time deadline, escaping what people typed', async () => {
    const res = await document('water', handling.id, 'dispatch-notice');
    assert.equal(res.status, 200, res.body);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html: string = res.body;
    assert.match(html, /<title>交办单 \d{13}<\/title>/);
    assert.ok(html.includes(handling.caseNumber));
    assert.ok(html.includes('市供水公司'), 'the department by name');
    assert.ok(html.includes(handling.className) && html.includes(handling.classCode));
    assert.ok(handling.deadline);
    assert.ok(html.includes(printedTime(handling.deadline)), `the deadline ${printedTime(handling.deadline)} in Beijing time`);
    assert.match(html, /@page \{ size: A4/);
    assert.ok(html.includes('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; &amp; 周边有积水'), 'the description, inert');
    assert.ok(html.includes('人民路 &quot;100&quot; 号 &lt;b&gt;东侧&lt;/b&gt;'), 'the address, inert');
    assert.ok(!html.includes('<script') && !html.includes('<b>'), 'no markup from the case data');
    assert.match(html, /<td>派遣<\/td><td>赵派遣<\/td>/, 'the history excerpt names the dispatcher');
  });

  it('prints the supervision notice once the case is supervised, not before', async () => {
    const before = await document('dispatcher', handling.id, 'supervision-notice');
    assert.equal(before.status, 409);
    assert.match(before.body.detail, /not under supervision/);
    await t.db.transaction((sql) =>
      superviseCase(sql, { caseId: handling.id, actor: actors.shiftLeader, at: new Date(Date.parse(mondayNine) + hour), comment: '请 <i>立即</i> 处置' }),
    );
    const res = await document('dispatcher', handling.id, 'supervision-notice');
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /<h1>督办单<\/h1>/);
    assert.ok(res.body.includes('请 &lt;i&gt;立即&lt;/i&gt; 处置'), 'the supervision comment, inert');
    assert.ok(res.body.includes(printedTime(new Date(Date.parse(mondayNine) + hour))), 'when it was supervised');
  });

  it('prints the closing notice of a closed case only', async () => {
    const open = await document('dispatcher', handling.id, 'closing-notice');
    assert.equal(open.status, 409);
    assert.equal(open.body.currentStatus, 'handling');
    assert.match(open.body.detail, /not closed/);

    const verifying = await givenVerifyingCase(t.db, new Date(mondayNine));
    const at = new Date(Date.parse(mondayNine) + 2 * hour);
    await t.db.transaction(async (sql) => {
      await verifyCase(sql, { caseId: verifying.id, actor: actors.collector, at, passed: true, comment: '现场已修复' });
      await closeCase(sql, { caseId: verifying.id, actor: actors.shiftLeader, at, comment: '同意结案' });
    });
    const res = await document('water', verifying.id, 'closing-notice');
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /<h1>结案通知<\/h1>/);
    assert.ok(res.body.includes(verifying.caseNumber));
    assert.ok(res.body.includes('现场已修复') && res.body.includes('同意结案'));
    assert.ok(res.body.includes('按期结案'));
    assert.ok(res.body.includes(printedTime(at)));
  });

  it('answers 404 for an unknown document or case, and 403 outside the scope or for non-staff', async () => {
    const unknownTemplate = await document('dispatcher', handling.id, 'invoice');
    assert.equal(unknownTemplate.status, 404);
    assert.equal(unknownTemplate.body.field, 'template');
    assert.equal((await document('dispatcher', 'no-such-case', 'dispatch-notice')).status, 404);
    const otherDepartment = await document('roads', handling.id, 'dispatch-notice');
    assert.equal(otherDepartment.status, 403);
    assert.ok(!JSON.stringify(otherDepartment.body).includes(handling.caseNumber), 'reveals nothing of the case');
    assert.equal((await document('citizen', handling.id, 'dispatch-notice')).status, 403);
    assert.equal((await server.call('GET', `/api/v1/cases/${handling.id}/documents/dispatch-notice`)).status, 401);
  });
});
