import { randomUUID } from 'node:crypto';
import { loadWorkingCalendar } from '../core/calendar/load-calendar.ts';
import { reportCase, type ReportInput } from '../core/case/actions/report.ts';
import { caseClassRules } from '../core/case/case-class-rules.ts';
import type { Actor } from '../core/case/case-types.ts';
import { systemClock, type Clock } from '../core/ports/clock.ts';
import type { Database } from '../core/ports/database.ts';
import type { Variables, WorkflowEngine } from '../core/ports/engine.ts';
import type { StandardsCatalog } from '../core/ports/standards.ts';
import type { WorkingCalendar } from '../core/ports/calendar.ts';
import { createCaseEngine } from '../engine-workers/case-engine.ts';
import { loadStandardsCatalog } from '../standards/catalog.ts';

/**
 * Drives cases through the engine port the way the API does (test/lifecycle/scenario.ts is the reference):
 * report and start the instance in one transaction, then complete each open user task with its form's
 * variables plus the actor.
 */

export const actors = {
  collector: { id: null, name: '张监督', role: 'collector' },
  acceptor: { id: null, name: '李受理', role: 'acceptor' },
  shiftLeader: { id: null, name: '王值班长', role: 'shift-leader' },
  dispatcher: { id: null, name: '赵派遣', role: 'dispatcher' },
  department: { id: null, name: '水务处置员', role: 'department' },
} satisfies Record<string, Actor>;

export const waterDepartment = 'water-utility';

export interface UserStep {
  elementId: string;
  variables: Variables;
  actor: Actor;
}

/** Confirm without an on-site check, register, dispatch: the case then waits at Task_Handle with its timers armed. */
export const toHandling: readonly UserStep[] = [
  { elementId: 'Task_Confirm', variables: { needsOnSiteCheck: false, comment: '情况属实' }, actor: actors.acceptor },
  { elementId: 'Task_RegisterDecision', variables: { registerDecision: 'register', comment: '符合立案条件' }, actor: actors.shiftLeader },
  { elementId: 'Task_Dispatch', variables: { departmentId: waterDepartment }, actor: actors.dispatcher },
];

/** The benchmark's lifecycle: report → close with one extension (approved) and one rework. */
export const fullLifecycle: readonly UserStep[] = [
  ...toHandling,
  { elementId: 'Task_Handle', variables: { handleOutcome: 'extend', extensionLimit: '2 工作日', comment: '需采购新井盖' }, actor: actors.department },
  { elementId: 'Task_ApproveExtension', variables: { approved: true, comment: '同意延期' }, actor: actors.dispatcher },
  { elementId: 'Task_Handle', variables: { handleOutcome: 'done', comment: '已更换井盖' }, actor: actors.department },
  { elementId: 'Task_Verify', variables: { passed: false, comment: '井盖仍松动' }, actor: actors.collector },
  { elementId: 'Task_Handle', variables: { handleOutcome: 'done', comment: '已加固' }, actor: actors.department },
  { elementId: 'Task_Verify', variables: { passed: true, comment: '已修复' }, actor: actors.collector },
  { elementId: 'Task_CloseDecision', variables: { comment: '结案' }, actor: actors.shiftLeader },
];

/** 供水井盖 (GB/T 47678.5 component 01001), as in the lifecycle tests. */
function manholeReport(id: string, at: Date): ReportInput {
  return {
    id,
    source: 'collector',
    classScheme: 'gbt47678',
    classKind: 'component',
    classCode: '01001',
    description: '人民路与解放路交叉口井盖破损',
    location: { lng: 121.4737, lat: 31.2304 },
    address: '人民路 100 号',
    actor: actors.collector,
    at,
  };
}

let standards: { catalog: StandardsCatalog; calendar: WorkingCalendar } | undefined;

/** The engine the platform runs (every worker, every diagram), plus the department the cases go to. */
export async function openCaseEngine(db: Database, options: { clock?: Clock; pollIntervalMs?: number } = {}) {
  standards ??= { catalog: loadStandardsCatalog(), calendar: loadWorkingCalendar() };
  const clock = options.clock ?? systemClock;
  await db.query(`INSERT INTO department (id, name_zh, type) VALUES ($1, '市供水公司', 'utility-company') ON CONFLICT (id) DO NOTHING`, [
    waterDepartment,
  ]);
  const engine = await createCaseEngine({ db, clock, ...standards, pollIntervalMs: options.pollIntervalMs });
  return { engine, rules: caseClassRules(standards.catalog), clock };
}

export type CaseEngine = Awaited<ReturnType<typeof openCaseEngine>>;

export class CaseDriver {
  constructor(
    private readonly db: Database,
    private readonly host: CaseEngine,
  ) {}

  get engine(): WorkflowEngine {
    return this.host.engine;
  }

  async report(): Promise<string> {
    const id = randomUUID();
    await this.engine.startInstance(
      { processId: 'case-lifecycle', businessKey: id, variables: { caseId: id } },
      { within: async (sql) => void (await reportCase(sql, manholeReport(id, this.host.clock.now()), { rules: this.host.rules })) },
    );
    return id;
  }

  /** Completes the case's open task `step.elementId`; resolves with how long the port call took (ms). */
  async complete(caseId: string, step: UserStep): Promise<number> {
    const { rows } = await this.db.query<{ task_key: string }>(
      `SELECT task_key::text FROM user_task WHERE business_key = $1 AND element_id = $2 AND status = 'created'`,
      [caseId, step.elementId],
    );
    const task = rows[0];
    if (!task) throw new Error(`case ${caseId}: ${step.elementId} is not open`);
    const started = performance.now();
    await this.engine.completeUserTask(task.task_key, { ...step.variables, actor: step.actor }, { completedBy: step.actor.name });
    return performance.now() - started;
  }

  async drive(caseId: string, steps: readonly UserStep[], latencies?: number[]): Promise<void> {
    for (const step of steps) {
      const ms = await this.complete(caseId, step);
      latencies?.push(ms);
    }
  }
}
