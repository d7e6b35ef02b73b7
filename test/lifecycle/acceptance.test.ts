import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actors } from './builders.ts';
import { scenarioSuite } from './scenario.ts';

scenarioSuite('lifecycle: acceptance', (scenario) => {
  it('reject: the shift leader refuses to register, the instance ends', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.complete(caseId, 'Task_Confirm', { needsOnSiteCheck: false }, actors.acceptor);
    await s.restart();
    await s.complete(caseId, 'Task_RegisterDecision', { registerDecision: 'reject', comment: '不符合立案条件' }, actors.shiftLeader);
    const rejected = await s.case(caseId);
    assert.deepEqual([rejected.status, rejected.statusKind], ['rejected', 'closed']);
    assert.deepEqual(await s.openTaskIds(caseId), []);
    assert.equal(await s.instanceStatus(caseId), 'completed');
    const last = (await s.history(caseId)).at(-1);
    assert.deepEqual([last?.action, last?.actorName, last?.comment], ['reject', '王值班长', '不符合立案条件']);
  });

  it('duplicate merge: a second report of the same problem is merged into the first case', async () => {
    const s = scenario();
    const original = await s.report();
    await s.driveToHandling(original);
    const duplicate = await s.report();
    await s.complete(duplicate, 'Task_Confirm', { needsOnSiteCheck: false }, actors.acceptor);
    await s.restart();
    await s.complete(duplicate, 'Task_RegisterDecision', { registerDecision: 'merge', duplicateOf: original }, actors.shiftLeader);
    const merged = await s.case(duplicate);
    assert.deepEqual([merged.status, merged.duplicateOf], ['merged', original]);
    assert.equal(await s.instanceStatus(duplicate), 'completed');
    // the original goes on untouched
    assert.deepEqual(await s.openTaskIds(original), ['Task_Handle']);
  });

  it('the collector may not find the problem on site; the shift leader then rejects', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.complete(caseId, 'Task_Confirm', { needsOnSiteCheck: true }, actors.acceptor);
    await s.complete(caseId, 'Task_ConfirmOnSite', { found: false, comment: '现场未发现' }, actors.collector);
    const confirm = (await s.history(caseId)).find((event) => event.action === 'confirm');
    assert.deepEqual([confirm?.actorRole, confirm?.data.found], ['collector', false]);
    await s.complete(caseId, 'Task_RegisterDecision', { registerDecision: 'reject' }, actors.shiftLeader);
    assert.equal((await s.case(caseId)).status, 'rejected');
  });

  it('a report that fails validation starts no instance and writes no case (one transaction)', async () => {
    const s = scenario();
    const count = async (table: string) => Number((await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n);
    const [cases, instances] = [await count('"case"'), await count('engine_instance')];
    await assert.rejects(s.report({ classCode: '99999' }), /unknown class/);
    assert.deepEqual([await count('"case"'), await count('engine_instance')], [cases, instances]);
  });
});
