import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dispatchRulesDataDir, seedDispatchRules } from '../../core/dispatch/seed-dispatch-rules.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { givenReportedCase, mondayNine } from '../lifecycle/builders.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { catalog, startTestServer, type TestServer } from '../support/http.ts';

const password = 'demo-password-2';
const jiaodaokouGrid = '110101003002001';
const marketGrid = '110101004002003';
const newRule = { classScheme: 'gbt47678', classKind: 'component', classCode: '01024', area: { streetId: '110101002' }, departmentId: 'water-supply', autoDispatch: false };

describe('dispatch rules over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const ruleCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dispatch_rule')).rows[0]?.n;
  const reportedIn = async (gridCode: string, classKind: 'component' | 'event', classCode: string) =>
    (await givenReportedCase(t.db, new Date(mondayNine), { gridCode, classKind, classCode })).id;

  before(async () => {
    t = await openTestDatabase();
    await seedDemo(t.db, { password });
    await t.db.transaction((tx) => seedDispatchRules(tx, path.join(dispatchRulesDataDir, 'demo-city.json'), catalog));
    server = await startTestServer(t.db);
    for (const username of ['admin', 'dispatcher', 'shiftleader', 'acceptor', 'gas']) {
      const login = await server.call('POST', '/api/v1/auth/login', { body: { username, password } });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      tokens[username] = login.body.accessToken;
    }
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('lets the command centre read the rules and only an administrator change them', async () => {
    assert.equal((await server.call('GET', '/api/v1/dispatch-rules')).status, 401);
    for (const reader of ['admin', 'dispatcher', 'shiftleader']) {
      const list = await server.call('GET', '/api/v1/dispatch-rules?classKind=event&departmentId=gas', { token: tokens[reader] });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items.map((rule: { id: string }) => rule.id), ['e-01011-gas']);
    }
    for (const outsider of ['acceptor', 'gas']) {
      assert.equal((await server.call('GET', '/api/v1/dispatch-rules', { token: tokens[outsider] })).status, 403);
    }
    const before = await ruleCount();
    for (const editor of ['dispatcher', 'shiftleader', 'gas']) {
      const token = tokens[editor];
      assert.equal((await server.call('POST', '/api/v1/dispatch-rules', { token, body: newRule })).status, 403);
      assert.equal((await server.call('PATCH', '/api/v1/dispatch-rules/e-01011-gas', { token, body: { autoDispatch: false } })).status, 403);
      assert.equal((await server.call('DELETE', '/api/v1/dispatch-rules/e-01011-gas', { token })).status, 403);
    }
    assert.equal(await ruleCount(), before);
  });

  it('creates, changes and removes a rule as admin', async () => {
    const created = await server.call('POST', '/api/v1/dispatch-rules', { token: tokens.admin, body: { ...newRule, id: 'jingshan-wells' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('location'), '/api/v1/dispatch-rules/jingshan-wells');
    assert.deepEqual(created.body, { ...newRule, id: 'jingshan-wells', majorCode: null, priority: 0, note: null, source: null });

    const generated = await server.call('POST', '/api/v1/dispatch-rules', { token: tokens.admin, body: { ...newRule, departmentId: 'water-affairs' } });
    assert.equal(generated.status, 201);
    assert.match(generated.body.id, /^rule-/);

    const changed = await server.call('PATCH', '/api/v1/dispatch-rules/jingshan-wells', {
      token: tokens.admin,
      body: { classCode: null, majorCode: '01', area: null, priority: 3 },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.classCode, changed.body.majorCode, changed.body.area, changed.body.priority, changed.body.departmentId], [null, '01', null, 3, 'water-supply']);

    const seeded = await server.call('PATCH', '/api/v1/dispatch-rules/c-01002-water-affairs', { token: tokens.admin, body: { autoDispatch: true } });
    assert.equal(seeded.status, 200);
    assert.equal(seeded.body.source, null, 'an edited seed rule is the administrator\'s now');

    assert.equal((await server.call('DELETE', '/api/v1/dispatch-rules/jingshan-wells', { token: tokens.admin })).status, 204);
    assert.equal((await server.call('DELETE', '/api/v1/dispatch-rules/jingshan-wells', { token: tokens.admin })).status, 404);
    assert.equal((await server.call('PATCH', '/api/v1/dispatch-rules/jingshan-wells', { token: tokens.admin, body: { priority: 1 } })).status, 404);
  });

  it('refuses bad rules naming the field, and writes nothing', async () => {
    const before = await ruleCount();
    const cases: Array<[string, unknown, number, string | undefined]> = [
      ['unknown class', { ...newRule, classCode: '01999' }, 422, 'classCode'],
      ['an event code as a component', { ...newRule, classCode: '06010' }, 422, 'classCode'],
      ['unknown major class', { ...newRule, classCode: undefined, majorCode: '88' }, 422, 'majorCode'],
      ['class and major class', { ...newRule, majorCode: '01' }, 422, 'majorCode'],
      ['unknown department', { ...newRule, departmentId: 'nobody' }, 422, 'departmentId'],
      ['unknown grid', { ...newRule, area: { gridCode: '110101009009009' } }, 422, 'area.gridCode'],
      ['unknown district', { ...newRule, area: { districtId: '110102' } }, 422, 'area.districtId'],
      ['two areas', { ...newRule, area: { streetId: '110101002', districtId: '110101' } }, 422, 'area'],
      ['empty area', { ...newRule, area: {} }, 422, 'area'],
      ['bad scheme', { ...newRule, classScheme: 'cjt214' }, 422, 'classScheme'],
      ['missing department', { ...newRule, departmentId: undefined }, 422, 'departmentId'],
      ['unknown field', { ...newRule, department: 'gas' }, 422, 'department'],
      ['priority as text', { ...newRule, priority: '5' }, 422, 'priority'],
      ['a taken id', { ...newRule, id: 'e-01011-gas' }, 409, 'id'],
      ['the same rule again', { ...newRule, classCode: '01011', area: null, departmentId: 'gas' }, 409, 'departmentId'],
    ];
    for (const [label, body, status, field] of cases) {
      const res = await server.call('POST', '/api/v1/dispatch-rules', { token: tokens.admin, body });
      assert.equal(res.status, status, `${label}: ${JSON.stringify(res.body)}`);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(res.body.field, field, label);
    }
    const patched = await server.call('PATCH', '/api/v1/dispatch-rules/e-01011-gas', { token: tokens.admin, body: { departmentId: 'nobody' } });
    assert.equal(patched.status, 422);
    assert.equal(patched.body.field, 'departmentId');
    assert.equal((await server.call('PATCH', '/api/v1/dispatch-rules/e-01011-gas', { token: tokens.admin, body: {} })).status, 422);
    assert.equal(await ruleCount(), before);
    const gas = await t.db.query<{ department_id: string }>("SELECT department_id FROM dispatch_rule WHERE id = 'e-01011-gas'");
    assert.equal(gas.rows[0]?.department_id, 'gas');
  });

  it('suggests the department for a case to the command centre, following the rules as they change', async () => {
    const stall = await reportedIn(jiaodaokouGrid, 'event', '09006');
    const suggest = (token: string | undefined, caseId = stall) => server.call('GET', `/api/v1/dispatch-rules/suggest?caseId=${caseId}`, { token });
    for (const reader of ['dispatcher', 'shiftleader', 'admin']) {
      const res = await suggest(tokens[reader]);
      assert.equal(res.status, 200);
      assert.equal(res.body.departmentId, 'street-110101003');
      assert.equal(res.body.rule.id, 'e-major-09-street-110101003');
      assert.equal(res.body.autoDispatch, false);
      assert.equal(res.body.candidates.length, 1);
    }
    assert.equal((await suggest(tokens.acceptor)).status, 403);
    assert.equal((await suggest(tokens.gas)).status, 403);
    assert.equal((await suggest(tokens.dispatcher, 'no-such-case')).status, 404);
    const missing = await server.call('GET', '/api/v1/dispatch-rules/suggest', { token: tokens.dispatcher });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.field, 'caseId');

    const gridRule = { classScheme: 'gbt47678', classKind: 'event', classCode: '09006', area: { gridCode: jiaodaokouGrid }, departmentId: 'enforcement', autoDispatch: true };
    assert.equal((await server.call('POST', '/api/v1/dispatch-rules', { token: tokens.admin, body: gridRule })).status, 201);
    const now = await suggest(tokens.dispatcher);
    assert.deepEqual([now.body.departmentId, now.body.autoDispatch], ['enforcement', true]);
  });

  it('tries the rules out on a class in a unit grid, before any case exists, and names a bad class or grid', async () => {
    const tryIt = (token: string | undefined, query: string) => server.call('GET', `/api/v1/dispatch-rules/suggest?${query}`, { token });
    const stall = `classScheme=gbt47678&classKind=event&classCode=09006&gridCode=${jiaodaokouGrid}`;
    const res = await tryIt(tokens.admin, stall);
    assert.equal(res.status, 200);
    assert.equal(res.body.departmentId, 'enforcement', 'the grid rule the test above added');
    const cityWide = await tryIt(tokens.dispatcher, 'classScheme=gbt47678&classKind=event&classCode=09006');
    assert.equal(cityWide.status, 200);
    assert.notEqual(cityWide.body.rule?.id, res.body.rule.id, 'without a grid the grid rule does not match');
    const unknownClass = await tryIt(tokens.admin, 'classScheme=gbt47678&classKind=event&classCode=99999');
    assert.deepEqual([unknownClass.status, unknownClass.body.field], [422, 'classCode']);
    const unknownGrid = await tryIt(tokens.admin, 'classScheme=gbt47678&classKind=event&classCode=09006&gridCode=110101999999999');
    assert.deepEqual([unknownGrid.status, unknownGrid.body.field], [422, 'gridCode']);
    assert.equal((await tryIt(tokens.acceptor, stall)).status, 403);
  });

  it('suggests nothing for an ambiguous case and lists the candidates', async () => {
    const cable = await reportedIn(marketGrid, 'event', '10002');
    const res = await server.call('GET', `/api/v1/dispatch-rules/suggest?caseId=${cable}`, { token: tokens.dispatcher });
    assert.equal(res.status, 200);
    assert.equal(res.body.departmentId, null);
    assert.equal(res.body.rule, null);
    assert.equal(res.body.autoDispatch, false);
    assert.deepEqual(res.body.candidates.map((rule: { departmentId: string }) => rule.departmentId).sort(), ['power-supply', 'telecom']);
  });
});
