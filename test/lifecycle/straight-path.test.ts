import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actors, hour, waterDepartment } from './builders.ts';
import { scenarioSuite } from './scenario.ts';

scenarioSuite('lifecycle: straight path (report → confirm on site → register → dispatch → handle → verify → close)', (scenario) => {
  it('runs every step through the engine, surviving a restart at every waiting state', async () => {
    const s = scenario();
    const caseId = await s.report();
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Confirm']);
    assert.equal((await s.case(caseId)).status, 'reported');

    await s.restart();
    await s.complete(caseId, 'Task_Confirm', { needsOnSiteCheck: true, comment: '请核实' }, actors.acceptor);
    assert.equal((await s.case(caseId)).status, 'confirming');
    const onSite = await s.task(caseId, 'Task_ConfirmOnSite');
    assert.deepEqual(onSite.candidate_groups, ['collector']);
    assert.equal(onSite.form_id, 'confirm-on-site');

    await s.restart();
    await s.complete(caseId, 'Task_ConfirmOnSite', { found: true, comment: '属实', attachmentIds: ['photo-1'] }, actors.collector);
    assert.equal((await s.case(caseId)).status, 'confirmed');

    await s.restart();
    await s.complete(caseId, 'Task_RegisterDecision', { registerDecision: 'register', comment: '符合立案条件' }, actors.shiftLeader);
    assert.equal((await s.case(caseId)).status, 'registered');
    assert.deepEqual((await s.task(caseId, 'Task_Dispatch')).candidate_groups, ['dispatcher']);

    await s.restart();
    await s.complete(caseId, 'Task_Dispatch', { departmentId: waterDepartment }, actors.dispatcher);
    const handling = await s.case(caseId);
    assert.equal(handling.status, 'handling');
    // 4 工作时 from Monday 09:00 Beijing: 15:00 Beijing
    assert.equal(handling.deadline, '2026-11-23T07:00:00.000Z');
    const handle = await s.task(caseId, 'Task_Handle');
    assert.deepEqual(handle.candidate_groups, [`department:${waterDepartment}`]);
    assert.equal(new Date(handle.due_at as string).toISOString(), handling.deadline);

    await s.restart();
    await s.advance(hour);
    await s.complete(caseId, 'Task_Handle', { handleOutcome: 'done', comment: '已更换井盖', attachmentIds: ['photo-2'] }, actors.department);
    assert.equal((await s.case(caseId)).status, 'verifying');

    await s.restart();
    await s.complete(caseId, 'Task_Verify', { passed: true, comment: '已修复' }, actors.collector);
    assert.equal((await s.case(caseId)).status, 'verified');

    await s.restart();
    await s.complete(caseId, 'Task_CloseDecision', { comment: '结案' }, actors.shiftLeader);
    const closed = await s.case(caseId);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.statusKind, 'closed');
    assert.equal(closed.overdue, false);
    assert.equal(closed.supervised, false);
    assert.deepEqual(await s.openTaskIds(caseId), []);
    assert.equal(await s.instanceStatus(caseId), 'completed');
    assert.deepEqual(await s.incidents(), []);

    assert.deepEqual(await s.actions(caseId), [
      'report',
      'request-confirmation',
      'confirm',
      'register',
      'dispatch',
      'feedback',
      'verify',
      'close',
    ]);
    const history = await s.history(caseId);
    const feedback = history.find((event) => event.action === 'feedback');
    assert.deepEqual([feedback?.actorName, feedback?.comment, feedback?.attachments], ['水务处置员', '已更换井盖', ['photo-2']]);
  });
});
