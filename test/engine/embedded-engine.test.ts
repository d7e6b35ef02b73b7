import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Invalid } from '../../core/errors.ts';
import type { Database } from '../../core/ports/database.ts';
import { complete, fail, type EngineEvent, type UserTask } from '../../core/ports/engine.ts';
import { createEmbeddedEngine } from '../../engine-workers/engine/embedded/embedded-engine.ts';
import { loadedInstanceCount } from '../../engine-workers/engine/embedded/live-instance.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { approvalDiagram, jobDiagram, timerDiagram } from './fixtures/diagrams.ts';

/** A clock the test moves by hand: timers come due without sleeping. */
function manualClock(start = '2026-03-01T08:00:00.000Z') {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const hour = 3_600_000;

describe('embedded engine', () => {
  let t: TestDatabase;
  let db: Database;
  const clock = manualClock();
  const events: EngineEvent[] = [];

  const open = async (database: Database) => {
    const engine = await createEmbeddedEngine({ db: database, clock, pollIntervalMs: 10 });
    engine.on((event) => events.push(event));
    return engine;
  };
  const createdTask = (instanceKey: string, elementId: string): UserTask | undefined => {
    const event = events.find((e) => e.type === 'userTaskCreated' && e.task.instanceKey === instanceKey && e.task.elementId === elementId);
    return event?.type === 'userTaskCreated' ? event.task : undefined;
  };
  const openTasks = async (instanceKey: string) =>
    (
      await db.query<{ element_id: string }>(`SELECT element_id FROM user_task WHERE instance_key::text = $1 AND status = 'created' ORDER BY 1`, [
        instanceKey,
      ])
    ).rows.map((r) => r.element_id);

  before(async () => {
    t = await openTestDatabase();
    db = t.db;
    // Stands for the case tables: the writes a caller or a worker makes in the engine's transaction.
    await db.exec('CREATE TABLE test_case_write (case_id text NOT NULL, action text NOT NULL)');
    const engine = await open(db);
    engine.registerWorker('test.work', async () => complete());
    await engine.deploy([
      { name: 'timer.bpmn', content: timerDiagram('PT1H') },
      { name: 'approval.bpmn', content: approvalDiagram() },
      { name: 'job.bpmn', content: jobDiagram() },
    ]);
  });
  after(() => t.dispose());

  it('refuses a FEEL expression that does not parse, at deploy time', async () => {
    const engine = await open(db);
    const bad = approvalDiagram().replace('=decision = "approved"', '=decision = = "approved"');
    await assert.rejects(engine.deploy([{ name: 'bad.bpmn', content: bad }]), Invalid);
  });

  it('keeps the due time of a timer as a row, and fires it on start after it came due while stopped', async () => {
    const first = await open(db);
    const instance = await first.startInstance({ processId: 'test-timer', businessKey: 'case-t1' });
    const { rows } = await db.query<{ due_at: Date }>('SELECT due_at FROM engine_timer WHERE instance_key::text = $1', [instance.instanceKey]);
    // due an hour from the injected clock's now (bpmn-engine measures the delay itself, to the millisecond)
    const dueIn = new Date(rows[0]!.due_at).getTime() - clock.now().getTime();
    assert.ok(dueIn >= hour - 1000 && dueIn <= hour + 1000, `due in ${dueIn} ms`);
    await first.stop();
    await db.close();

    // given the process was down while the deadline passed
    clock.advance(2 * hour);
    db = await t.reopen();
    const second = await open(db);
    // when a new engine starts
    await second.start();
    await second.stop();
    // then the timer has fired: the task it interrupts is gone and the overdue path waits
    assert.deepEqual(await openTasks(instance.instanceKey), ['Task_Overdue']);
    const { rows: timers } = await db.query('SELECT 1 FROM engine_timer WHERE instance_key::text = $1', [instance.instanceKey]);
    assert.equal(timers.length, 0);
  });

  it('fires a due timer once when two engines share the database', async () => {
    const instance = await (await open(db)).startInstance({ processId: 'test-timer', businessKey: 'case-t2' });
    clock.advance(2 * hour);
    const otherDb = db.kind === 'postgres' ? await t.reopen() : db;
    const [one, two] = [await open(db), await open(otherDb)];
    await Promise.all([one.pollOnce(), two.pollOnce(), one.pollOnce(), two.pollOnce()]);
    const overdue = events.filter((e) => e.type === 'userTaskCreated' && e.task.instanceKey === instance.instanceKey && e.task.elementId === 'Task_Overdue');
    assert.equal(overdue.length, 1);
    assert.deepEqual(await openTasks(instance.instanceKey), ['Task_Overdue']);
  });

  it('rolls back both the engine step and the caller’s write when `within` throws', async () => {
    const engine = await open(db);
    const instance = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-w1', variables: { department: 'x' } });
    const task = createdTask(instance.instanceKey, 'Task_Review')!;
    const stateBefore = await db.query('SELECT engine_state FROM engine_instance WHERE instance_key::text = $1', [instance.instanceKey]);

    await assert.rejects(
      engine.completeUserTask(task.key, { decision: 'approved' }, {
        within: async (sql) => {
          await sql.query(`INSERT INTO test_case_write (case_id, action) VALUES ('case-w1', 'dispatch')`);
          throw new Error('crash after the case write');
        },
      }),
      /crash after the case write/,
    );

    const { rows: written } = await db.query(`SELECT 1 FROM test_case_write WHERE case_id = 'case-w1'`);
    assert.equal(written.length, 0, 'the case write was rolled back');
    const stateAfter = await db.query('SELECT engine_state FROM engine_instance WHERE instance_key::text = $1', [instance.instanceKey]);
    assert.deepEqual(stateAfter.rows, stateBefore.rows, 'the instance did not move');
    assert.deepEqual(await openTasks(instance.instanceKey), ['Task_Review']);

    // and the same completion succeeds once nothing throws
    await engine.completeUserTask(task.key, { decision: 'approved' }, {
      within: async (sql) => {
        await sql.query(`INSERT INTO test_case_write (case_id, action) VALUES ('case-w1', 'dispatch')`);
      },
    });
    assert.deepEqual(await openTasks(instance.instanceKey), ['Task_Approved']);
    assert.equal((await db.query(`SELECT 1 FROM test_case_write WHERE case_id = 'case-w1'`)).rows.length, 1);
  });

  it('undoes a failing job handler’s writes but keeps its retry count; a completing handler’s writes commit with the step', async () => {
    const engine = await open(db);
    let fixed = false;
    engine.registerWorker('test.work', async (job, { sql }) => {
      await sql.query(`INSERT INTO test_case_write (case_id, action) VALUES ($1, 'handle')`, [job.businessKey]);
      return fixed ? complete({ handled: true }) : fail('not yet', 60_000);
    });
    const instance = await engine.startInstance({ processId: 'test-job', businessKey: 'case-j1' });
    const job = await db.query<{ retries: number; run_after: Date }>('SELECT retries, run_after FROM engine_job WHERE instance_key::text = $1', [
      instance.instanceKey,
    ]);
    assert.equal(job.rows[0]!.retries, 1, 'one attempt used');
    assert.ok(new Date(job.rows[0]!.run_after).getTime() > clock.now().getTime(), 'the next attempt waits for its backoff');
    assert.equal((await db.query(`SELECT 1 FROM test_case_write WHERE case_id = 'case-j1'`)).rows.length, 0);

    fixed = true;
    clock.advance(60_000);
    await engine.pollOnce();
    assert.deepEqual(await openTasks(instance.instanceKey), ['Task_Done']);
    assert.equal((await db.query(`SELECT 1 FROM test_case_write WHERE case_id = 'case-j1'`)).rows.length, 1);
    const { rows } = await db.query<{ variables: Record<string, unknown> }>('SELECT variables FROM engine_instance WHERE instance_key::text = $1', [
      instance.instanceKey,
    ]);
    assert.deepEqual(rows[0]!.variables, { handled: true }, 'the result is in the process scope, without leaked run-message fields');
  });

  const collectGarbage = async (until: () => boolean) => {
    // scripts/run-tests.mjs starts Node with --expose-gc; turning the flag on at run time is V8's last resort.
    if (typeof globalThis.gc !== 'function') setFlagsFromString('--expose-gc');
    const gc = globalThis.gc ?? (runInNewContext('gc') as () => void);
    for (let round = 0; round < 50 && !until(); round++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('keeps only the most recently stepped instances live between calls, and none when configured so', async () => {
    for (const liveInstances of [2, 0]) {
      const engine = await createEmbeddedEngine({ db, clock, pollIntervalMs: 10, liveInstances });
      engine.on((event) => events.push(event));
      for (let i = 0; i < 5; i++) {
        const instance = await engine.startInstance({ processId: 'test-approval', businessKey: `case-m${liveInstances}-${i}`, variables: { department: 'x' } });
        if (i % 2 === 0) await engine.completeUserTask(createdTask(instance.instanceKey, 'Task_Review')!.key, { decision: 'approved' });
      }
      await collectGarbage(() => loadedInstanceCount() <= liveInstances);
      assert.ok(loadedInstanceCount() <= liveInstances, `${loadedInstanceCount()} live instances with room for ${liveInstances}`);
    }
  });

  it('recovers from the database an instance another engine stepped since this one kept it live', async () => {
    const first = await open(db);
    const second = await open(db);
    const instance = await first.startInstance({ processId: 'test-approval', businessKey: 'case-two-engines', variables: { department: 'x' } });
    await second.completeUserTask(createdTask(instance.instanceKey, 'Task_Review')!.key, { decision: 'approved' });
    // The first engine still holds the instance as it was at Task_Review.
    await first.completeUserTask(createdTask(instance.instanceKey, 'Task_Approved')!.key);
    const { rows } = await db.query<{ status: string }>('SELECT status FROM engine_instance WHERE instance_key::text = $1', [instance.instanceKey]);
    assert.equal(rows[0]!.status, 'completed');
  });

  it('drops a live instance whose step rolled back, so the next step starts from what the database holds', async () => {
    // Fails the step after the engine moved on: saving the wait at Task_Approved is refused.
    await db.exec(`CREATE FUNCTION test_refuse_approval() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.business_key = 'case-rollback' AND NEW.element_id = 'Task_Approved' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_refuse_approval BEFORE INSERT ON user_task FOR EACH ROW EXECUTE FUNCTION test_refuse_approval()`);
    const engine = await open(db);
    const instance = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-rollback', variables: { department: 'x' } });
    const review = createdTask(instance.instanceKey, 'Task_Review')!.key;
    await assert.rejects(engine.completeUserTask(review, { decision: 'approved' }), /refused/);
    assert.deepEqual(await openTasks(instance.instanceKey), ['Task_Review'], 'the task is still open');
    await engine.completeUserTask(review, { decision: 'rejected' });
    assert.deepEqual(await openTasks(instance.instanceKey), ['Task_Rejected']);
  });
});
