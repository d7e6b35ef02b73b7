import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actors, roadsDepartment, waterDepartment } from './builders.ts';
import { scenarioSuite } from './scenario.ts';

scenarioSuite('lifecycle: return → redispatch', (scenario) => {
  it('an approved return sends the case back to the dispatcher, who sends it to another department', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId, waterDepartment);
    await s.complete(caseId, 'Task_Handle', { handleOutcome: 'return', comment: '该井盖属区市政所' }, actors.department);
    assert.equal((await s.case(caseId)).status, 'return-requested');
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_ApproveReturn']);

    await s.restart();
    await s.complete(caseId, 'Task_ApproveReturn', { approved: true, comment: '同意回退' }, actors.dispatcher);
    const returned = await s.case(caseId);
    assert.deepEqual([returned.status, returned.departmentId, returned.returnCount], ['returned', null, 1]);
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Dispatch']);

    await s.restart();
    await s.complete(caseId, 'Task_Dispatch', { departmentId: roadsDepartment }, actors.dispatcher);
    const redispatched = await s.case(caseId);
    assert.deepEqual([redispatched.status, redispatched.departmentId, redispatched.dispatchCount], ['handling', roadsDepartment, 2]);
    assert.deepEqual((await s.task(caseId, 'Task_Handle')).candidate_groups, [`department:${roadsDepartment}`]);
    const approval = (await s.history(caseId)).find((event) => event.action === 'return');
    assert.deepEqual([approval?.actorName, approval?.comment, approval?.data.decision], ['赵派遣', '同意回退', 'approved']);
  });

  it('a denied return leaves the case with the department', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId);
    await s.complete(caseId, 'Task_Handle', { handleOutcome: 'return', comment: '非本部门' }, actors.department);
    await s.complete(caseId, 'Task_ApproveReturn', { approved: false, comment: '属你部门职责' }, actors.dispatcher);
    const kept = await s.case(caseId);
    assert.deepEqual([kept.status, kept.departmentId, kept.returnCount], ['handling', waterDepartment, 0]);
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Handle']);
  });

  it('an unknown department is caught by the diagram and the dispatcher picks again', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.complete(caseId, 'Task_Confirm', { needsOnSiteCheck: false }, actors.acceptor);
    await s.complete(caseId, 'Task_RegisterDecision', { registerDecision: 'register' }, actors.shiftLeader);
    await s.complete(caseId, 'Task_Dispatch', { departmentId: 'no-such-department' }, actors.dispatcher);
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Dispatch']);
    assert.equal((await s.case(caseId)).status, 'registered');
    assert.deepEqual(await s.incidents(), []);
  });
});
