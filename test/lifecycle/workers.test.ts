import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Job } from '../../core/ports/engine.ts';
import type { Database } from '../../core/ports/database.ts';
import { readCase } from '../../core/case/case-store.ts';
import { caseHistory } from '../../core/case/history.ts';
import { requestReturn } from '../../core/case/actions/request-return.ts';
import { returnWorker } from '../../engine-workers/workers/return.worker.ts';
import { dispatchWorker } from '../../engine-workers/workers/dispatch.worker.ts';
import { closeWorker } from '../../engine-workers/workers/close.worker.ts';
import type { CaseWorkerDeps } from '../../engine-workers/workers/case-worker-deps.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { actors, caseDeps, givenHandlingCase, givenRegisteredCase, manualClock, mondayNine } from './builders.ts';

const job = (caseId: string, type: string, variables: Record<string, unknown>, key = '1001'): Job => ({
  key,
  type,
  instanceKey: '1',
  businessKey: caseId,
  processId: 'case-lifecycle',
  elementId: 'Task_Test',
  variables: { caseId, ...variables },
  customHeaders: {},
  retries: 3,
});

describe('case workers', () => {
  let t: TestDatabase;
  let db: Database;
  const clock = manualClock(mondayNine);
  const deps: CaseWorkerDeps = { ...caseDeps(), clock };
  before(async () => {
    t = await openTestDatabase();
    db = t.db;
  });
  after(() => t.dispose());

  it('a job delivered twice changes the case once', async () => {
    const handling = await givenHandlingCase(db, clock.now());
    await db.transaction((sql) => requestReturn(sql, { caseId: handling.id, actor: actors.department, at: clock.now() }));
    const delivery = job(handling.id, 'case.return', { approved: true, comment: '同意', actor: actors.dispatcher });
    assert.equal((await returnWorker.handle(delivery, { sql: db }, deps)).outcome, 'complete');
    assert.equal((await returnWorker.handle(delivery, { sql: db }, deps)).outcome, 'complete');
    assert.equal((await readCase(db, handling.id)).returnCount, 1);
    const approvals = (await caseHistory(db, handling.id)).filter((event) => event.action === 'return');
    assert.deepEqual(approvals.map((event) => [event.actorName, event.actorRole]), [['赵派遣', 'dispatcher']]);
  });

  it('dispatch returns the deadline and reminder cycle the diagram uses', async () => {
    const registered = await givenRegisteredCase(db, clock.now());
    const outcome = await dispatchWorker.handle(job(registered.id, 'case.dispatch', { departmentId: 'water-utility' }), { sql: db }, deps);
    assert.deepEqual(outcome, {
      outcome: 'complete',
      variables: { deadline: '2026-11-23T07:00:00Z', reminderCycle: 'R/2026-11-23T11:00:00Z/PT4H' },
    });
  });

  it('an unknown department is a BPMN error, not a failure', async () => {
    const registered = await givenRegisteredCase(db, clock.now());
    const outcome = await dispatchWorker.handle(job(registered.id, 'case.dispatch', { departmentId: 'nobody' }), { sql: db }, deps);
    assert.equal(outcome.outcome, 'bpmnError');
    assert.equal(outcome.outcome === 'bpmnError' && outcome.errorCode, 'INVALID_DEPARTMENT');
  });

  it('a case in the wrong state fails the job with the current status, so it is retried and then an incident', async () => {
    const handling = await givenHandlingCase(db, clock.now());
    const outcome = await closeWorker.handle(job(handling.id, 'case.close', {}), { sql: db }, deps);
    assert.equal(outcome.outcome, 'fail');
    assert.match(outcome.outcome === 'fail' ? outcome.message : '', /处置中/);
    assert.equal((await readCase(db, handling.id)).status, 'handling');
  });
});
