import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actors } from './builders.ts';
import { scenarioSuite } from './scenario.ts';

scenarioSuite('lifecycle: extension', (scenario) => {
  const requestExtension = (caseId: string) =>
    scenario().complete(caseId, 'Task_Handle', { handleOutcome: 'extend', extensionLimit: '2 工作日', comment: '需采购新井盖' }, actors.department);

  it('approved: the deadline moves by two working days and the department goes on', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId); // due Monday 15:00 Beijing
    await requestExtension(caseId);
    assert.equal((await s.case(caseId)).status, 'extension-requested');
    await s.restart();
    await s.complete(caseId, 'Task_ApproveExtension', { approved: true, comment: '同意延期' }, actors.dispatcher);
    const extended = await s.case(caseId);
    assert.deepEqual([extended.status, extended.extensionCount], ['handling', 1]);
    assert.equal(extended.deadline, '2026-11-25T07:00:00.000Z');
    const handle = await s.task(caseId, 'Task_Handle');
    assert.equal(new Date(handle.due_at as string).toISOString(), '2026-11-25T07:00:00.000Z');
  });

  it('denied: the deadline stays and the department goes on', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId);
    await requestExtension(caseId);
    await s.restart();
    await s.complete(caseId, 'Task_ApproveExtension', { approved: false, comment: '时限充足' }, actors.dispatcher);
    const kept = await s.case(caseId);
    assert.deepEqual([kept.status, kept.extensionCount, kept.deadline], ['handling', 0, '2026-11-23T07:00:00.000Z']);
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Handle']);
    const denial = (await s.history(caseId)).at(-1);
    assert.deepEqual([denial?.action, denial?.actorRole, denial?.comment], ['extend-denied', 'dispatcher', '时限充足']);
  });
});
