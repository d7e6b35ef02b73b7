import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Conflict, DomainError, Invalid } from '../../core/errors.ts';
import { bpmnError, complete, fail, type EngineEvent, type UserTask, type WorkflowEngine } from '../../core/ports/engine.ts';
import { approvalDiagram, jobDiagram, messageDiagram, timerDiagram } from './fixtures/diagrams.ts';

export interface ContractHarness {
  engine: WorkflowEngine;
  /** Stops the engine and opens a new one over the same state (a process restart). */
  restart?: () => Promise<WorkflowEngine>;
  dispose: () => Promise<void>;
}

/** Polls until `find` returns something (engines may advance asynchronously, e.g. Zeebe). */
async function until<T>(what: string, find: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The behaviour every WorkflowEngine adapter must show, through the port only. Each adapter's test file calls
 * this with a factory for a fresh engine on fresh state.
 */
export function engineContractSuite(name: string, factory: () => Promise<ContractHarness>): void {
  describe(`workflow engine contract: ${name}`, () => {
    let harness: ContractHarness;
    let engine: WorkflowEngine;
    const events: EngineEvent[] = [];
    // The job worker's behaviour comes from the instance's `mode` variable; `fixed` repairs the flaky one.
    let fixed = false;
    let attempts = 0;

    const connect = async (next: WorkflowEngine) => {
      engine = next;
      engine.registerWorker('test.work', async (job) => {
        attempts++;
        if (job.variables.mode === 'reject') return bpmnError('REJECTED', 'not ours');
        if (job.variables.mode === 'flaky' && !fixed) return fail('downstream unavailable');
        assert.equal(job.customHeaders.kind, 'demo');
        return complete({ worked: true });
      });
      engine.on((event) => events.push(event));
      await engine.start();
    };

    const taskAt = (instanceKey: string, elementId: string): Promise<UserTask> =>
      until(`user task ${elementId}`, () => {
        const event = events.find((e) => e.type === 'userTaskCreated' && e.task.instanceKey === instanceKey && e.task.elementId === elementId);
        return event?.type === 'userTaskCreated' ? event.task : undefined;
      });

    const ended = (instanceKey: string) =>
      until('instance end', () => {
        const event = events.find((e) => e.type === 'instanceEnded' && e.instance.instanceKey === instanceKey);
        return event?.type === 'instanceEnded' ? event.state : undefined;
      });

    before(async () => {
      harness = await factory();
      await connect(harness.engine);
      await engine.deploy([
        { name: 'approval.bpmn', content: approvalDiagram() },
        { name: 'job.bpmn', content: jobDiagram() },
        { name: 'message.bpmn', content: messageDiagram() },
        { name: 'timer.bpmn', content: timerDiagram('PT1S') },
      ]);
    });
    after(async () => {
      await engine.stop();
      await harness.dispose();
    });

    describe('deploy', () => {
      it('versions by content: the same file keeps its version, a changed one gets the next', async () => {
        const [again] = await engine.deploy([{ name: 'approval.bpmn', content: approvalDiagram() }]);
        assert.equal(again!.version, 1);
        const [changed] = await engine.deploy([{ name: 'approval.bpmn', content: approvalDiagram('复核') }]);
        assert.equal(changed!.processId, 'test-approval');
        assert.equal(changed!.version, 2);
        assert.notEqual(changed!.checksum, again!.checksum);
        const [same] = await engine.deploy([{ name: 'approval.bpmn', content: approvalDiagram('复核') }]);
        assert.equal(same!.version, 2);
      });

      it('refuses a diagram that fails lint', async () => {
        const broken = approvalDiagram().replace('<zeebe:userTask />', '').replace('name="开始"', '');
        await assert.rejects(engine.deploy([{ name: 'broken.bpmn', content: broken }]), Invalid);
      });

      it('refuses a service task type without a registered worker', async () => {
        const unknown = jobDiagram().replace('type="test.work"', 'type="test.nobody"');
        await assert.rejects(engine.deploy([{ name: 'unknown.bpmn', content: unknown }]), /test\.nobody/);
      });
    });

    describe('user tasks and gateways', () => {
      it('creates the user task with its assignment, schedule and form, on the version it started with', async () => {
        const instance = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-1', variables: { department: 'water' }, version: 1 });
        assert.equal(instance.version, 1);
        assert.equal(instance.businessKey, 'case-1');
        const task = await taskAt(instance.instanceKey, 'Task_Review');
        assert.equal(task.name, '审核');
        assert.deepEqual(task.candidateGroups, ['dispatcher', 'water']);
        assert.deepEqual(task.candidateUsers, ['alice', 'bob']);
        assert.equal(task.dueAt, '2030-01-02T03:04:05.000Z');
        assert.equal(task.formId, 'review-form');
        assert.equal(task.businessKey, 'case-1');
        assert.equal(task.processVersion, 1);
      });

      it('starts the latest version when none is asked for', async () => {
        const instance = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-latest' });
        assert.equal(instance.version, 2);
        assert.equal((await taskAt(instance.instanceKey, 'Task_Review')).name, '复核');
      });

      it('routes an exclusive gateway on the variables the task was completed with, and takes the default flow otherwise', async () => {
        const approved = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-2', variables: { department: 'roads' } });
        await engine.completeUserTask((await taskAt(approved.instanceKey, 'Task_Review')).key, { decision: 'approved' });
        await taskAt(approved.instanceKey, 'Task_Approved');

        const other = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-3', variables: { department: 'roads' } });
        await engine.completeUserTask((await taskAt(other.instanceKey, 'Task_Review')).key, { decision: 'returned' });
        const rejected = await taskAt(other.instanceKey, 'Task_Rejected');
        await engine.completeUserTask(rejected.key, {}, { completedBy: 'alice' });
        assert.equal(await ended(other.instanceKey), 'completed');
        assert.ok(events.some((e) => e.type === 'userTaskCompleted' && e.task.key === rejected.key));
      });

      it('refuses to complete a user task twice', async () => {
        const instance = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-4', variables: { department: 'x' } });
        const task = await taskAt(instance.instanceKey, 'Task_Review');
        await engine.completeUserTask(task.key, { decision: 'approved' });
        await assert.rejects(engine.completeUserTask(task.key, { decision: 'approved' }), Conflict);
        await taskAt(instance.instanceKey, 'Task_Approved');
        const approvedTasks = events.filter((e) => e.type === 'userTaskCreated' && e.task.instanceKey === instance.instanceKey && e.task.elementId === 'Task_Approved');
        assert.equal(approvedTasks.length, 1, 'the second completion did not step the instance again');
      });
    });

    describe('jobs', () => {
      it('completes a job through its worker and continues', async () => {
        const instance = await engine.startInstance({ processId: 'test-job', businessKey: 'case-job-1', variables: { mode: 'complete' } });
        await taskAt(instance.instanceKey, 'Task_Done');
      });

      it('lets the diagram catch a BPMN error the worker returns', async () => {
        const instance = await engine.startInstance({ processId: 'test-job', businessKey: 'case-job-2', variables: { mode: 'reject' } });
        await taskAt(instance.instanceKey, 'Task_Rejected');
        assert.equal((await engine.listIncidents({ instanceKey: instance.instanceKey })).length, 0);
      });

      it('retries a failing job, raises an incident when retries run out, and continues after the incident is retried', async () => {
        fixed = false;
        attempts = 0;
        const instance = await engine.startInstance({ processId: 'test-job', businessKey: 'case-job-3', variables: { mode: 'flaky' } });
        const incident = await until('incident', () => {
          const event = events.find((e) => e.type === 'incidentRaised' && e.incident.instanceKey === instance.instanceKey);
          return event?.type === 'incidentRaised' ? event.incident : undefined;
        });
        assert.equal(attempts, 2, 'retries="2" means two attempts');
        assert.equal(incident.errorType, 'JOB_NO_RETRIES');
        assert.equal(incident.elementId, 'Task_Work');
        assert.match(incident.message, /downstream unavailable/);
        assert.deepEqual((await engine.listIncidents({ instanceKey: instance.instanceKey })).map((i) => i.key), [incident.key]);

        fixed = true;
        await engine.retryIncident(incident.key);
        await taskAt(instance.instanceKey, 'Task_Done');
        assert.deepEqual(await engine.listIncidents({ instanceKey: instance.instanceKey }), []);
      });
    });

    describe('messages', () => {
      it('correlates a message by name and correlation key, and only to its own instance', async () => {
        const mine = await engine.startInstance({ processId: 'test-message', businessKey: 'order-1', variables: { orderId: 'o-1' } });
        const other = await engine.startInstance({ processId: 'test-message', businessKey: 'order-9', variables: { orderId: 'o-9' } });
        await engine.publishMessage({ name: 'test.paid', correlationKey: 'o-1', variables: { paidAt: 'today' } });
        await taskAt(mine.instanceKey, 'Task_Ship');
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.ok(!events.some((e) => e.type === 'userTaskCreated' && e.task.instanceKey === other.instanceKey));
      });

      it('buffers a message for its time to live until a subscription opens', async () => {
        await engine.publishMessage({ name: 'test.paid', correlationKey: 'o-2', timeToLiveMs: 60_000 });
        const instance = await engine.startInstance({ processId: 'test-message', businessKey: 'order-2', variables: { orderId: 'o-2' } });
        await taskAt(instance.instanceKey, 'Task_Ship');
      });

      it('publishes a message id once within its time to live', async () => {
        await engine.publishMessage({ name: 'test.paid', correlationKey: 'o-3', timeToLiveMs: 60_000, messageId: 'pay-3' });
        await engine.publishMessage({ name: 'test.paid', correlationKey: 'o-3', timeToLiveMs: 60_000, messageId: 'pay-3' });
        const first = await engine.startInstance({ processId: 'test-message', businessKey: 'order-3a', variables: { orderId: 'o-3' } });
        await taskAt(first.instanceKey, 'Task_Ship');
        const second = await engine.startInstance({ processId: 'test-message', businessKey: 'order-3b', variables: { orderId: 'o-3' } });
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.ok(!events.some((e) => e.type === 'userTaskCreated' && e.task.instanceKey === second.instanceKey));
      });
    });

    describe('timers and cancellation', () => {
      it('fires a boundary timer and interrupts the task it is attached to', async () => {
        const instance = await engine.startInstance({ processId: 'test-timer', businessKey: 'case-timer' });
        const handle = await taskAt(instance.instanceKey, 'Task_Handle');
        await taskAt(instance.instanceKey, 'Task_Overdue');
        await assert.rejects(engine.completeUserTask(handle.key), Conflict);
      });

      it('cancels an instance: it ends terminated and its tasks can no longer be completed', async () => {
        const instance = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-void', variables: { department: 'x' } });
        const task = await taskAt(instance.instanceKey, 'Task_Review');
        await engine.cancelInstance(instance.instanceKey);
        assert.equal(await ended(instance.instanceKey), 'terminated');
        await assert.rejects(engine.completeUserTask(task.key, { decision: 'approved' }), DomainError);
      });
    });

    describe('restart', () => {
      it('continues an instance on a new engine after a restart', async (t) => {
        if (!harness.restart) return t.skip('this adapter has no restart');
        const instance = await engine.startInstance({ processId: 'test-approval', businessKey: 'case-restart', variables: { department: 'x' } });
        const task = await taskAt(instance.instanceKey, 'Task_Review');
        await engine.stop();
        await connect(await harness.restart());
        await engine.completeUserTask(task.key, { decision: 'approved' });
        await taskAt(instance.instanceKey, 'Task_Approved');
      });
    });
  });
}
