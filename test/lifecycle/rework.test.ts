import assert from 'node:assert/strict';
import { it } from 'node:test';
import { actors, hour, waterDepartment } from './builders.ts';
import { scenarioSuite } from './scenario.ts';

scenarioSuite('lifecycle: verify failed → rework → close', (scenario) => {
  it('a failed check sends the case back to the same department, counted, and it closes after the second check', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId);
    await s.complete(caseId, 'Task_Handle', { handleOutcome: 'done', comment: '已处置' }, actors.department);
    await s.restart();
    s.clock.set('2026-11-24T01:00:00Z'); // Tuesday 09:00 Beijing
    await s.complete(caseId, 'Task_Verify', { passed: false, comment: '井盖仍松动' }, actors.collector);
    const reworked = await s.case(caseId);
    assert.deepEqual([reworked.status, reworked.departmentId, reworked.reworkCount], ['handling', waterDepartment, 1]);
    assert.equal(reworked.deadline, '2026-11-24T07:00:00.000Z'); // a fresh 4 工作时 from Tuesday 09:00
    assert.deepEqual((await s.task(caseId, 'Task_Handle')).candidate_groups, [`department:${waterDepartment}`]);

    await s.restart();
    await s.advance(hour);
    await s.driveToClosed(caseId);
    const closed = await s.case(caseId);
    assert.deepEqual([closed.status, closed.reworkCount], ['closed', 1]);
    assert.deepEqual((await s.actions(caseId)).slice(-7), ['dispatch', 'feedback', 'verify-failed', 'rework', 'feedback', 'verify', 'close']);
  });
});
