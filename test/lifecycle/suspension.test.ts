import assert from 'node:assert/strict';
import { it } from 'node:test';
import { pendingNotices } from '../../core/case/notice-outbox.ts';
import { actors, hour } from './builders.ts';
import { scenarioSuite } from './scenario.ts';

scenarioSuite('lifecycle: suspension → resume', (scenario) => {
  it('stops the clock while parked, reviews it periodically, and resumes with the time that was left', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId); // Monday 09:00 Beijing, due 15:00
    await s.advance(2 * hour); // 11:00: one working hour before lunch and one after are left
    await s.complete(caseId, 'Task_Handle', { handleOutcome: 'suspend', comment: '需列入改造计划' }, actors.department);
    await s.complete(caseId, 'Task_ApproveSuspension', { approved: true, comment: '同意挂账' }, actors.dispatcher);
    const suspended = await s.case(caseId);
    assert.deepEqual([suspended.status, suspended.statusKind, suspended.remainingMinutes], ['suspended', 'suspended', 120]);
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Resume']);

    await s.restart();
    await s.advance(31 * 24 * hour); // a month later the periodic review reminds the dispatcher
    const review = (await pendingNotices(s.db, { caseId })).find((notice) => notice.kind === 'suspension-review');
    assert.equal(review?.recipient.role, 'dispatcher');
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Resume']);

    s.clock.set('2027-01-05T01:00:00Z'); // Tuesday 5 January 2027, 09:00 Beijing
    await s.complete(caseId, 'Task_Resume', { comment: '资金已到位' }, actors.department);
    const resumed = await s.case(caseId);
    assert.equal(resumed.status, 'handling');
    assert.equal(resumed.deadline, '2027-01-05T03:00:00.000Z'); // two working hours: 11:00 Beijing
    assert.equal(resumed.suspensionCount, 1);
    assert.ok(resumed.suspendedSeconds > 31 * 24 * 3600);
    assert.equal(new Date((await s.task(caseId, 'Task_Handle')).due_at as string).toISOString(), resumed.deadline);
  });

  it('a denied suspension keeps the department handling', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId);
    await s.complete(caseId, 'Task_Handle', { handleOutcome: 'suspend', comment: '暂缓' }, actors.department);
    await s.complete(caseId, 'Task_ApproveSuspension', { approved: false, comment: '应按期处置' }, actors.dispatcher);
    assert.equal((await s.case(caseId)).status, 'handling');
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Handle']);
  });
});
