import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Conflict } from '../../../core/errors.ts';
import { bpmnError, complete, fail } from '../../../core/ports/engine.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { createJobRunner, outcomeOfError, settleJob, toPortJob, type ActivatedJob } from './job-runner.ts';

type Call = { action: 'complete' | 'error' | 'fail'; argument: unknown };

/**
 * A hand-written object shaped like the SDK's activated job, recording which job action the adapter calls. This
 * tests our translation onto the SDK's job API, not Zeebe (no cluster runs here).
 */
function givenActivatedJob(variables: Record<string, unknown> = { caseId: 'C-2024-0001' }, onAction?: () => Promise<void>) {
  const calls: Call[] = [];
  const record = (action: Call['action']) => async (argument: unknown) => {
    await onAction?.();
    calls.push({ action, argument });
    return 'JOB_ACTION_ACKNOWLEDGEMENT' as const;
  };
  const job = {
    key: '2251799813685301',
    type: 'case.register',
    processInstanceKey: '2251799813685290',
    bpmnProcessId: 'case-lifecycle',
    elementId: 'Task_Register',
    variables,
    customHeaders: { form: 'register', priority: 2 },
    retries: 3,
    complete: record('complete'),
    error: record('error'),
    fail: record('fail'),
  } as unknown as ActivatedJob;
  return { job, calls };
}

describe('Zeebe jobs as port jobs', () => {
  it('keeps keys as strings and takes the business key from the caseId variable', () => {
    const { job } = givenActivatedJob({ caseId: 'C-2024-0001', classCode: '0101' });
    assert.deepEqual(toPortJob(job), {
      key: '2251799813685301',
      type: 'case.register',
      instanceKey: '2251799813685290',
      businessKey: 'C-2024-0001',
      processId: 'case-lifecycle',
      elementId: 'Task_Register',
      variables: { caseId: 'C-2024-0001', classCode: '0101' },
      customHeaders: { form: 'register', priority: '2' },
      retries: 3,
    });
  });

  it('gives an empty business key to an instance started without one', () => {
    assert.equal(toPortJob(givenActivatedJob({}).job).businessKey, '');
  });
});

describe('our outcomes as SDK job actions', () => {
  it('completes with the returned variables', async () => {
    const { job, calls } = givenActivatedJob();
    await settleJob(job, complete({ registered: true }));
    assert.deepEqual(calls, [{ action: 'complete', argument: { registered: true } }]);
  });

  it('throws a BPMN error with code, message and variables', async () => {
    const { job, calls } = givenActivatedJob();
    await settleJob(job, bpmnError('NOT_FILEABLE', 'the class has no filing condition', { reason: 'no-class' }));
    assert.deepEqual(calls, [
      { action: 'error', argument: { errorCode: 'NOT_FILEABLE', errorMessage: 'the class has no filing condition', variables: { reason: 'no-class' } } },
    ]);
  });

  it('fails with the backoff and leaves the retry count to Zeebe', async () => {
    const { job, calls } = givenActivatedJob();
    await settleJob(job, fail('calendar service down', 30_000));
    assert.deepEqual(calls, [{ action: 'fail', argument: { errorMessage: 'calendar service down', retryBackOff: 30_000 } }]);
  });

  it('turns a thrown domain error with a BPMN error code into a BPMN error, anything else into a failure', () => {
    assert.deepEqual(outcomeOfError(new Conflict('already merged', { bpmnErrorCode: 'DUPLICATE' })), {
      outcome: 'bpmnError',
      errorCode: 'DUPLICATE',
      message: 'already merged',
    });
    assert.deepEqual(outcomeOfError(new Error('connection reset')), { outcome: 'fail', message: 'connection reset' });
  });
});

describe('running a handler for a Zeebe job', () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase({ migrate: false });
    await t.db.exec('CREATE TABLE handled (case_id text PRIMARY KEY)');
  });
  after(() => t.dispose());

  const countHandled = async (caseId: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM handled WHERE case_id = $1', [caseId])).rows[0]?.n;

  it('commits the handler’s writes before it completes the job', async () => {
    let visibleAtCompletion: number | undefined;
    const { job, calls } = givenActivatedJob({ caseId: 'C-1' }, async () => {
      visibleAtCompletion = await countHandled('C-1');
    });
    const run = createJobRunner(t.db, async (portJob, { sql }) => {
      await sql.query('INSERT INTO handled (case_id) VALUES ($1)', [portJob.businessKey]);
      return complete();
    });
    await run(job);
    assert.equal(visibleAtCompletion, 1);
    assert.deepEqual(calls.map((c) => c.action), ['complete']);
  });

  it('rolls the handler’s writes back and fails the job when the handler throws', async () => {
    const { job, calls } = givenActivatedJob({ caseId: 'C-2' });
    const run = createJobRunner(t.db, async (portJob, { sql }) => {
      await sql.query('INSERT INTO handled (case_id) VALUES ($1)', [portJob.businessKey]);
      throw new Error('notifier unreachable');
    });
    await run(job);
    assert.equal(await countHandled('C-2'), 0);
    assert.deepEqual(calls, [{ action: 'fail', argument: { errorMessage: 'notifier unreachable', retryBackOff: 0 } }]);
  });
});
