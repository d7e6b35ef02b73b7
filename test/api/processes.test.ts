import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { complete, fail } from '../../core/ports/engine.ts';
import { createUser } from '../../core/identity/users.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

const password = 'correct horse battery';
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const caseLifecycle = read('../../workflows/case-lifecycle.bpmn');
const lintFailure = read('../../workflows/lint/fixtures/missing-task-definition.bpmn');
/** A start → one service task → end diagram (the lint fixture) with its own process id and task type. */
const serviceDiagram = (processId: string, taskType: string) =>
  read('../../workflows/lint/fixtures/valid.bpmn')
    .replaceAll('lint-valid', processId)
    .replace('type="case.register" retries="3"', `type="${taskType}" retries="1"`);

interface VersionSummary {
  version: number;
  activeInstances: number;
  completedInstances: number;
  openIncidents: number;
}

describe('process administration over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  let admin: string;
  let acceptor: string;
  let flakyHealthy = false;
  let resolvedIncident: string | undefined;

  const versionsOf = async (processId: string): Promise<VersionSummary[]> => {
    const res = await server.call('GET', '/api/v1/processes', { token: admin });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items.find((p: { processId: string }) => p.processId === processId)?.versions ?? [];
  };

  before(async () => {
    t = await openTestDatabase();
    await createUser(t.db, { username: 'admin', displayName: '管理员', password, roles: ['admin'] });
    await createUser(t.db, { username: 'acceptor', displayName: '受理员', password, roles: ['acceptor'] });
    server = await startTestServer(t.db);
    // A worker that fails until the test "fixes" it, the way a broken downstream system would.
    server.engine.registerWorker('test.flaky', async () => (flakyHealthy ? complete() : fail('the gateway answered 502')));
    const login = async (username: string) =>
      (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken as string;
    admin = await login('admin');
    acceptor = await login('acceptor');
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('deploys a changed diagram as a new version while running instances stay on theirs', async () => {
    assert.deepEqual((await versionsOf('case-lifecycle')).map((v) => v.version), [1], 'the shipped diagram is version 1');
    const running = await server.engine.startInstance({ processId: 'case-lifecycle', businessKey: randomUUID() });
    assert.equal(running.version, 1);

    const changed = caseLifecycle.replace('<bpmn:userTask id="Task_Dispatch" name="派遣">', '<bpmn:userTask id="Task_Dispatch" name="派遣（含自动派遣）">');
    assert.notEqual(changed, caseLifecycle);
    const deployed = await server.call('POST', '/api/v1/processes', { token: admin, body: { name: 'case-lifecycle.bpmn', xml: changed } });
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    assert.equal(deployed.body.processId, 'case-lifecycle');
    assert.equal(deployed.body.version, 2);
    assert.equal(deployed.headers.get('location'), '/api/v1/processes/case-lifecycle/versions/2');

    const versions = await versionsOf('case-lifecycle');
    assert.deepEqual(
      versions.map((v) => [v.version, v.activeInstances]),
      [[2, 0], [1, 1]],
      'latest first; the instance started before stays on version 1',
    );
    const stored = await t.db.query<{ version: number }>('SELECT version FROM engine_instance WHERE instance_key::text = $1', [running.instanceKey]);
    assert.equal(stored.rows[0]?.version, 1);
    const next = await server.engine.startInstance({ processId: 'case-lifecycle', businessKey: randomUUID() });
    assert.equal(next.version, 2, 'new cases start on the latest version');

    const again = await server.call('POST', '/api/v1/processes', { token: admin, body: { name: 'case-lifecycle.bpmn', xml: changed } });
    assert.equal(again.status, 200, 'the same content keeps its version');
    assert.equal(again.body.version, 2);
    assert.deepEqual((await versionsOf('case-lifecycle')).map((v) => v.version), [2, 1]);

    const diff = await server.call('GET', '/api/v1/processes/case-lifecycle/diff?from=1&to=2', { token: admin });
    assert.equal(diff.status, 200, JSON.stringify(diff.body));
    assert.deepEqual(diff.body.elements.changed, [{ id: 'Task_Dispatch', changes: [{ property: 'name', from: '派遣', to: '派遣（含自动派遣）' }] }]);
    assert.deepEqual([diff.body.elements.added, diff.body.elements.removed, diff.body.flows.added, diff.body.flows.removed], [[], [], [], []]);
  });

  it('serves a version as XML or as JSON with its elements', async () => {
    const asXml = await server.call('GET', '/api/v1/processes/case-lifecycle/versions/1', { token: admin, headers: { accept: 'application/xml' } });
    assert.equal(asXml.status, 200);
    assert.match(asXml.headers.get('content-type') ?? '', /^application\/xml/);
    assert.equal(asXml.body, caseLifecycle);

    const asJson = await server.call('GET', '/api/v1/processes/case-lifecycle/versions/1', { token: admin });
    assert.equal(asJson.status, 200);
    assert.equal(asJson.body.xml, caseLifecycle);
    assert.equal(asJson.body.processName, '案件处置流程');
    const dispatch = asJson.body.elements.find((e: { id: string }) => e.id === 'Task_Dispatch');
    assert.equal(dispatch.type, 'bpmn:UserTask');
    assert.equal(dispatch.formId, 'dispatch');
    assert.equal(dispatch.candidateGroups, 'dispatcher');
    const deadline = asJson.body.elements.find((e: { id: string }) => e.id === 'Timer_Deadline');
    assert.deepEqual(deadline.timer, { kind: 'timeDate', expression: '=deadline' });
    assert.equal(deadline.attachedTo, 'Task_Handle');

    for (const path of ['/api/v1/processes/case-lifecycle/versions/9', '/api/v1/processes/no-such-process/versions/1', '/api/v1/processes/case-lifecycle/versions/x']) {
      const missing = await server.call('GET', path, { token: admin });
      assert.equal(missing.status, 404, path);
      assert.match(missing.headers.get('content-type') ?? '', /problem\+json/);
    }
    const badDiff = await server.call('GET', '/api/v1/processes/case-lifecycle/diff?from=1', { token: admin });
    assert.equal(badDiff.status, 422);
    assert.equal(badDiff.body.field, 'to');
    assert.equal((await server.call('GET', '/api/v1/processes/case-lifecycle/diff?from=1&to=7', { token: admin })).status, 404);
  });

  it('refuses a diagram with lint errors, listing the findings with element ids, and deploys nothing', async () => {
    const lint = await server.call('POST', '/api/v1/processes/lint', { token: admin, body: { xml: lintFailure } });
    assert.equal(lint.status, 200);
    assert.ok(lint.body.errors.some((e: { elementId: string }) => e.elementId === 'Task_Register'), JSON.stringify(lint.body));

    const res = await server.call('POST', '/api/v1/processes', { token: admin, body: { name: 'lint-invalid.bpmn', xml: lintFailure } });
    assert.equal(res.status, 422);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    assert.ok(res.body.errors.some((e: { elementId: string; rule: string }) => e.elementId === 'Task_Register'), JSON.stringify(res.body));
    assert.deepEqual(await versionsOf('lint-invalid'), []);

    const garbage = await server.call('POST', '/api/v1/processes', { token: admin, body: { name: 'x.bpmn', xml: '<bpmn:definitions' } });
    assert.equal(garbage.status, 422);
    assert.equal(garbage.body.errors[0].rule, 'xml');
  });

  it('refuses a diagram naming a task type no worker handles, and deploys nothing', async () => {
    const xml = serviceDiagram('teleport-case', 'case.teleport');
    const lint = await server.call('POST', '/api/v1/processes/lint', { token: admin, body: { xml } });
    assert.deepEqual(lint.body.unknownTaskTypes, ['case.teleport']);

    const res = await server.call('POST', '/api/v1/processes', { token: admin, body: { name: 'teleport-case.bpmn', xml } });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.unknownTaskTypes, ['case.teleport']);
    assert.match(res.body.detail, /case\.teleport/);
    assert.deepEqual(res.body.errors.map((e: { elementId: string }) => e.elementId), ['Task_Register']);
    assert.deepEqual(await versionsOf('teleport-case'), []);
  });

  it('refuses bad deployment requests with a problem naming the field', async () => {
    const cases: Array<[unknown, number, string | undefined]> = [
      [{ name: 'x.bpmn' }, 422, 'xml'],
      [{ name: '../etc/passwd.bpmn', xml: caseLifecycle }, 422, 'name'],
      [{ name: 'x.bpmn', xml: caseLifecycle, version: 3 }, 422, undefined],
      ['{"name": "x.bpmn", "xml": ', 400, undefined],
      [{ name: 'x.bpmn', xml: 'x'.repeat(6_000_000) }, 413, undefined],
    ];
    for (const [body, status, field] of cases) {
      const res = await server.call('POST', '/api/v1/processes', { token: admin, body });
      assert.equal(res.status, status, JSON.stringify(res.body).slice(0, 300));
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      if (field) assert.equal(res.body.field, field);
    }
    assert.deepEqual((await versionsOf('case-lifecycle')).map((v) => v.version), [2, 1]);
  });

  it('lists the registered task types and the forms for the modeler', async () => {
    const types = await server.call('GET', '/api/v1/processes/task-types', { token: admin });
    assert.equal(types.status, 200);
    assert.ok(types.body.items.includes('case.register'));
    assert.ok(types.body.items.includes('test.flaky'));

    const forms = await server.call('GET', '/api/v1/forms', { token: admin });
    assert.equal(forms.status, 200);
    assert.deepEqual(forms.body.items.find((f: { id: string }) => f.id === 'dispatch'), { id: 'dispatch', title: '派遣', titleEn: 'Dispatch' });

    const form = await server.call('GET', '/api/v1/forms/dispatch', { token: acceptor });
    assert.equal(form.status, 200, 'any signed-in user reads a form');
    assert.equal(form.body.title, '派遣');
    assert.ok(form.body.properties.departmentId);
    assert.equal((await server.call('GET', '/api/v1/forms/no-such-form', { token: acceptor })).status, 404);
    assert.equal((await server.call('GET', '/api/v1/forms/dispatch')).status, 401);
  });

  it('lists an incident of a failing worker with its case and element, and retries it', async () => {
    const deployed = await server.call('POST', '/api/v1/processes', {
      token: admin,
      body: { name: 'flaky-sync.bpmn', xml: serviceDiagram('flaky-sync', 'test.flaky') },
    });
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    const businessKey = randomUUID();
    const instance = await server.engine.startInstance({ processId: 'flaky-sync', businessKey });

    const listed = await server.call('GET', '/api/v1/incidents?processId=flaky-sync', { token: admin });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.items.length, 1, JSON.stringify(listed.body));
    const [incident] = listed.body.items;
    assert.equal(incident.businessKey, businessKey);
    assert.equal(incident.instanceKey, instance.instanceKey);
    assert.equal(incident.elementId, 'Task_Register');
    assert.equal(incident.processVersion, 1);
    assert.match(incident.message, /502/);
    const byInstance = await server.call('GET', `/api/v1/incidents?instanceKey=${instance.instanceKey}`, { token: admin });
    assert.deepEqual(byInstance.body.items.map((i: { key: string }) => i.key), [incident.key]);
    assert.deepEqual((await server.call('GET', '/api/v1/incidents?processId=case-lifecycle', { token: admin })).body.items, []);
    assert.equal((await versionsOf('flaky-sync'))[0]?.openIncidents, 1);

    flakyHealthy = true;
    const retried = await server.call('POST', `/api/v1/incidents/${incident.key}/retry`, { token: admin });
    assert.equal(retried.status, 204);
    assert.deepEqual((await server.call('GET', '/api/v1/incidents?processId=flaky-sync', { token: admin })).body.items, []);
    const [version] = await versionsOf('flaky-sync');
    assert.deepEqual([version?.openIncidents, version?.activeInstances, version?.completedInstances], [0, 0, 1], 'the retried job ran and the instance ended');

    resolvedIncident = incident.key;
    assert.equal((await server.call('POST', '/api/v1/incidents/1/retry', { token: admin })).status, 404);
    assert.equal((await server.call('POST', '/api/v1/incidents/abc/retry', { token: admin })).status, 404);
    assert.equal((await server.call('GET', '/api/v1/incidents?instanceKey=1%27%20OR%201=1', { token: admin })).status, 422);
  });

  it(
    'refuses to retry an incident that is resolved',
    async () => {
      assert.ok(resolvedIncident, 'the retry test ran');
      const again = await server.call('POST', `/api/v1/incidents/${resolvedIncident}/retry`, { token: admin });
      assert.equal(again.status, 409);
    },
  );

  it('answers 403 to anyone but an administrator', async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/processes'],
      ['POST', '/api/v1/processes', { name: 'case-lifecycle.bpmn', xml: caseLifecycle }],
      ['POST', '/api/v1/processes/lint', { xml: caseLifecycle }],
      ['GET', '/api/v1/processes/task-types'],
      ['GET', '/api/v1/processes/case-lifecycle/versions/1'],
      ['GET', '/api/v1/processes/case-lifecycle/diff?from=1&to=2'],
      ['GET', '/api/v1/forms'],
      ['GET', '/api/v1/incidents'],
      ['POST', '/api/v1/incidents/1/retry'],
    ];
    for (const [method, path, body] of calls) {
      const res = await server.call(method, path, { token: acceptor, body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal((await server.call(method, path, { body })).status, 401, `${method} ${path} without a token`);
    }
  });
});
