import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { reportCase, type ReportInput } from '../../core/case/actions/report.ts';
import { readCase } from '../../core/case/case-store.ts';
import type { Actor } from '../../core/case/case-types.ts';
import { caseHistory } from '../../core/case/history.ts';
import type { Database } from '../../core/ports/database.ts';
import type { Variables, WorkflowEngine } from '../../core/ports/engine.ts';
import { createEmbeddedEngine } from '../../engine-workers/engine/embedded/embedded-engine.ts';
import { registerCaseWorkers } from '../../engine-workers/workers/index.ts';
import type { CaseWorkerDeps } from '../../engine-workers/workers/case-worker-deps.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { actors, caseDeps, givenDepartments, manholeReport, manualClock, mondayNine, waterDepartment } from './builders.ts';

const diagram = (name: string) => ({ name, content: readFileSync(new URL(`../../workflows/${name}`, import.meta.url), 'utf8') });

interface OpenTask {
  task_key: string;
  element_id: string;
  candidate_groups: string[] | string;
  due_at: Date | string | null;
  form_id: string | null;
}

/**
 * The case lifecycle on the embedded engine, driven through the port as the API will drive it: report a case
 * and start its instance in one transaction, complete user tasks with the form's variables plus the actor,
 * publish messages, move the clock, and restart the engine between any two steps.
 */
export async function openScenario() {
  const t: TestDatabase = await openTestDatabase();
  const db: Database = t.db;
  const clock = manualClock(mondayNine);
  const deps: CaseWorkerDeps = { ...caseDeps(), clock };
  const newEngine = async () => {
    // The poller stays out of the way (a long interval): tests run the scheduler with pollOnce.
    const created = await createEmbeddedEngine({ db, clock, pollIntervalMs: 3_600_000 });
    registerCaseWorkers(created, deps);
    return created;
  };
  let engine: WorkflowEngine & { pollOnce(): Promise<void> } = await newEngine();
  await engine.deploy([diagram('case-lifecycle.bpmn'), diagram('citizen-report-acceptance.bpmn')]);
  await givenDepartments(db);

  const openTasks = async (caseId: string) =>
    (
      await db.query<OpenTask>(
        `SELECT task_key::text, element_id, candidate_groups, due_at, form_id FROM user_task
          WHERE business_key = $1 AND status = 'created' ORDER BY task_key`,
        [caseId],
      )
    ).rows;

  return {
    db,
    clock,
    deps,
    get engine() {
      return engine;
    },

    async report(overrides: Partial<ReportInput> = {}): Promise<string> {
      const id = randomUUID();
      await engine.startInstance(
        { processId: 'case-lifecycle', businessKey: id, variables: { caseId: id } },
        { within: async (sql) => void (await reportCase(sql, manholeReport(clock.now(), { ...overrides, id }), deps)) },
      );
      return id;
    },

    openTasks,
    async openTaskIds(caseId: string): Promise<string[]> {
      return (await openTasks(caseId)).map((task) => task.element_id).sort();
    },
    async task(caseId: string, elementId: string): Promise<OpenTask> {
      const task = (await openTasks(caseId)).find((open) => open.element_id === elementId);
      assert.ok(task, `${elementId} is open (open: ${(await openTasks(caseId)).map((open) => open.element_id).join(', ') || 'none'})`);
      return task;
    },
    async complete(caseId: string, elementId: string, variables: Variables, actor: Actor): Promise<void> {
      const task = await this.task(caseId, elementId);
      await engine.completeUserTask(task.task_key, { ...variables, actor }, { completedBy: actor.name });
    },
    async publish(caseId: string, name: string, variables: Variables): Promise<void> {
      await engine.publishMessage({ name, correlationKey: caseId, variables, timeToLiveMs: 0 });
    },
    /** Confirm (no on-site check) → register → dispatch: the case waits at Task_Handle. */
    async driveToHandling(caseId: string, departmentId = waterDepartment): Promise<void> {
      await this.complete(caseId, 'Task_Confirm', { needsOnSiteCheck: false }, actors.acceptor);
      await this.complete(caseId, 'Task_RegisterDecision', { registerDecision: 'register' }, actors.shiftLeader);
      await this.complete(caseId, 'Task_Dispatch', { departmentId }, actors.dispatcher);
    },
    /** Handled → verified → closed. */
    async driveToClosed(caseId: string): Promise<void> {
      await this.complete(caseId, 'Task_Handle', { handleOutcome: 'done', comment: '已处置' }, actors.department);
      await this.complete(caseId, 'Task_Verify', { passed: true }, actors.collector);
      await this.complete(caseId, 'Task_CloseDecision', {}, actors.shiftLeader);
    },
    /** Moves the clock and runs one scheduler round: due timers fire and their jobs run. */
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      await engine.pollOnce();
    },
    /** Stops the engine and starts a new one on the same database, as a redeploy or a crash would. */
    async restart(): Promise<void> {
      await engine.stop();
      engine = await newEngine();
      await engine.start();
    },
    case: (caseId: string) => readCase(db, caseId),
    actions: async (caseId: string) => (await caseHistory(db, caseId)).map((event) => event.action),
    history: (caseId: string) => caseHistory(db, caseId),
    async instanceStatus(caseId: string): Promise<string | undefined> {
      const { rows } = await db.query<{ status: string }>('SELECT status FROM engine_instance WHERE business_key = $1', [caseId]);
      return rows[0]?.status;
    },
    async incidents(): Promise<string[]> {
      return (await engine.listIncidents()).map((incident) => `${incident.elementId}: ${incident.message}`);
    },
    async dispose(): Promise<void> {
      await engine.stop();
      await t.dispose();
    },
  };
}

export type Scenario = Awaited<ReturnType<typeof openScenario>>;

/** A describe block with its own scenario (database and engine), opened before its tests and disposed after. */
export function scenarioSuite(name: string, body: (scenario: () => Scenario) => void): void {
  describe(name, () => {
    let opened: Scenario | undefined;
    before(async () => {
      opened = await openScenario();
    });
    after(() => opened?.dispose());
    body(() => {
      assert.ok(opened, 'the scenario is open');
      return opened;
    });
  });
}
