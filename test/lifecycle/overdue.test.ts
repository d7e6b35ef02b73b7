import assert from 'node:assert/strict';
import { it } from 'node:test';
import { pendingNotices } from '../../core/case/notice-outbox.ts';
import { hour, waterDepartment } from './builders.ts';
import { scenarioSuite } from './scenario.ts';

scenarioSuite('lifecycle: overdue → supervise → reminders', (scenario) => {
  const notices = async (caseId: string, kind: string) => (await pendingNotices(scenario().db, { caseId })).filter((notice) => notice.kind === kind);

  it('marks the case overdue at its deadline, supervises once, and reminds every four hours while it stays open', async () => {
    const s = scenario();
    const caseId = await s.report();
    await s.driveToHandling(caseId); // Monday 09:00 Beijing, due 15:00 (07:00Z)
    await s.advance(5 * hour); // 14:00: not yet due
    assert.equal((await s.case(caseId)).overdue, false);
    assert.deepEqual(await notices(caseId, 'supervise'), []);

    await s.advance(hour); // 15:00: due
    const overdue = await s.case(caseId);
    assert.deepEqual([overdue.overdue, overdue.supervised, overdue.status], [true, true, 'handling']);
    const supervision = await notices(caseId, 'supervise');
    assert.equal(supervision.length, 1);
    assert.deepEqual(supervision[0]?.recipient, { role: 'department-head', departmentId: waterDepartment });
    assert.deepEqual(await s.openTaskIds(caseId), ['Task_Handle']);

    // The engine is down when the first reminder comes due: it fires when a new engine starts.
    await s.engine.stop();
    s.clock.advance(4 * hour);
    await s.restart();
    assert.equal((await notices(caseId, 'urge')).length, 1);
    await s.advance(4 * hour);
    assert.equal((await notices(caseId, 'urge')).length, 2);

    await s.driveToClosed(caseId);
    await s.advance(8 * hour); // no reminders once the case is closed
    assert.equal((await notices(caseId, 'urge')).length, 2);
    assert.deepEqual(
      (await s.actions(caseId)).filter((action) => ['mark-overdue', 'supervise', 'urge'].includes(action)),
      ['mark-overdue', 'supervise', 'urge', 'urge'],
    );
    assert.equal((await s.history(caseId)).find((event) => event.action === 'supervise')?.actorRole, 'system');
  });
});
