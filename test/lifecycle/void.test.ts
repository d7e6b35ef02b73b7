import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actors } from './builders.ts';
import { scenarioSuite } from './scenario.ts';

const voidRequested = 'case-void-requested';

scenarioSuite('lifecycle: void', (scenario) => {
  it('a request while the department handles the case, approved by the shift leader, ends everything', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId);
    await s.publish(caseId, voidRequested, { actor: actors.dispatcher, comment: '重复立案' });
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_ApproveVoid', 'Task_Handle']);
    assert.deepEqual((await s.task(caseId, 'Task_ApproveVoid')).candidate_groups, ['shift-leader']);

    await s.restart();
    await s.complete(caseId, 'Task_ApproveVoid', { approved: true, comment: '同意作废' }, actors.shiftLeader);
    const voided = await s.case(caseId);
    assert.deepEqual([voided.status, voided.statusKind], ['voided', 'voided']);
    assert.deepEqual(await s.openTaskIds(caseId), []);
    assert.notEqual(await s.instanceStatus(caseId), 'active');
    const [request, approval] = (await s.history(caseId)).slice(-2);
    assert.deepEqual([request?.action, request?.actorRole, request?.comment], ['request-void', 'dispatcher', '重复立案']);
    assert.deepEqual([approval?.action, approval?.actorName, approval?.comment], ['void', '王值班长', '同意作废']);
  });

  it('a denied request leaves the case where it was, and a later request can still void it', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.publish(caseId, voidRequested, { actor: actors.acceptor, comment: '误报？' });
    await s.complete(caseId, 'Task_ApproveVoid', { approved: false, comment: '情况属实' }, actors.shiftLeader);
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Confirm']);
    assert.equal((await s.case(caseId)).status, 'reported');

    await s.complete(caseId, 'Task_Confirm', { needsOnSiteCheck: false }, actors.acceptor);
    await s.publish(caseId, voidRequested, { actor: actors.acceptor, comment: '确认误报' });
    await s.complete(caseId, 'Task_ApproveVoid', { approved: true }, actors.shiftLeader);
    assert.equal((await s.case(caseId)).status, 'voided');
    assert.deepEqual(await s.openTaskIds(caseId), []);
  });
});
