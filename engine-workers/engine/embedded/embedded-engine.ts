import { Conflict, NotFound } from '../../../core/errors.ts';
import { systemClock, type Clock } from '../../../core/ports/clock.ts';
import type { Database, Sql } from '../../../core/ports/database.ts';
import type {
  DeployedProcess,
  DeployResource,
  EngineEvent,
  Incident,
  JobHandler,
  ProcessInstance,
  PublishMessage,
  StartInstance,
  Variables,
  WorkerOptions,
  WorkflowEngine,
} from '../../../core/ports/engine.ts';
import { DefinitionCache, deployResource } from './definitions.ts';
import { resolveValue } from './feel.ts';
import {
  advance,
  applyResult,
  incidentColumns,
  lockInstance,
  resolveIncidents,
  startStep,
  toIncident,
  toProcessInstance,
  type IncidentRow,
  type StepContext,
} from './instance-step.ts';
import { runNextJob, type RegisteredWorker } from './job-runner.ts';
import { LiveInstanceCache } from './live-instance-cache.ts';
import { nextKey } from './keys.ts';
import { fireNextTimer, publish } from './messages-and-timers.ts';
import { userTaskColumns, type EmbeddedUserTaskRow } from './wait-rows.ts';
import { toUserTask } from '../user-task-row.ts';

export interface EmbeddedEngineOptions {
  db: Database;
  clock?: Clock;
  /** How often due timers and waiting jobs are looked for once started (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long a job handler may run before the attempt counts as failed (default 5 minutes). */
  jobTimeoutMs?: number;
  /** Instances kept live between steps (default 64, ~1 MB each; 0 recovers every step from the database). */
  liveInstances?: number;
}

/** Jobs one call may run in a row for the instances it touched; a diagram that loops through jobs stops here. */
const maxJobsPerDrain = 100;

/**
 * The embedded engine: bpmn-engine with Zeebe semantics, every instance in the database. Each operation is one
 * transaction that locks the instance, resumes it, advances it and saves it; no engine object outlives a call.
 */
export async function createEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  return new EmbeddedEngine(options);
}

export class EmbeddedEngine implements WorkflowEngine {
  readonly kind = 'embedded' as const;
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private readonly jobTimeoutMs: number;
  private readonly definitions = new DefinitionCache();
  private readonly instances: LiveInstanceCache;
  private readonly workers = new Map<string, RegisteredWorker>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private poller: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(options: EmbeddedEngineOptions) {
    this.db = options.db;
    this.clock = options.clock ?? systemClock;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 5 * 60_000;
    this.instances = new LiveInstanceCache(options.liveInstances ?? 64);
  }

  /** Runs `work` in one transaction and, once it committed, tells listeners and runs the jobs it created. */
  private async step<T>(work: (ctx: StepContext) => Promise<T>, drain = true): Promise<T> {
    const ctx: StepContext = {
      sql: this.db,
      clock: this.clock,
      definitions: this.definitions,
      events: [],
      touched: new Set(),
      instances: this.instances,
      saved: new Map(),
    };
    const result = await this.db.transaction((sql) => work({ ...ctx, sql }).then((value) => ({ value, ctx })));
    for (const [instanceKey, saved] of result.ctx.saved) {
      if (saved) this.instances.put(instanceKey, saved.live, saved.stateVersion);
      else this.instances.evict(instanceKey);
    }
    this.emit(result.ctx.events);
    if (drain && result.ctx.touched.size > 0) await this.drain([...result.ctx.touched]);
    return result.value;
  }

  private emit(events: EngineEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // A listener's failure must not undo or interrupt a committed step.
        }
      }
    }
  }

  /** Runs the jobs this process has workers for, of the given instances, until none is runnable. */
  private async drain(instanceKeys: string[]): Promise<void> {
    if (this.workers.size === 0) return;
    for (let run = 0; run < maxJobsPerDrain; run++) {
      const ran = await this.step((ctx) => runNextJob(ctx, this.workers, instanceKeys), false);
      if (!ran) return;
    }
  }

  async deploy(resources: DeployResource[]): Promise<DeployedProcess[]> {
    const types = new Set(this.workers.keys());
    return this.step(async (ctx) => {
      const deployed: DeployedProcess[] = [];
      for (const resource of resources) deployed.push(await deployResource(ctx.sql, this.clock, resource, types));
      return deployed;
    });
  }

  async startInstance(input: StartInstance, options: { within?: (sql: Sql) => Promise<void> } = {}): Promise<ProcessInstance> {
    return this.step(async (ctx) => {
      const definition = await this.definitions.byKey(ctx.sql, await this.definitions.keyOf(ctx.sql, input.processId, input.version));
      const instanceKey = await nextKey(ctx.sql);
      await options.within?.(ctx.sql);
      const row = await startStep(ctx, definition, instanceKey, input.businessKey, input.variables ?? {});
      return toProcessInstance(row);
    });
  }

  async completeUserTask(
    taskKey: string,
    variables: Variables = {},
    options: { within?: (sql: Sql) => Promise<void>; completedBy?: string } = {},
  ): Promise<void> {
    await this.step(async (ctx) => {
      const owner = await ctx.sql.query<{ instance_key: string }>('SELECT instance_key::text FROM user_task WHERE task_key::text = $1', [taskKey]);
      if (!owner.rows[0]) throw new NotFound(`user task ${taskKey} does not exist`, { field: 'taskKey' });
      const row = await lockInstance(ctx.sql, owner.rows[0].instance_key).catch((error: unknown) => {
        throw error instanceof Conflict ? new Conflict(`user task ${taskKey} is no longer open`, { extra: { taskKey } }) : error;
      });
      const { rows } = await ctx.sql.query<EmbeddedUserTaskRow>(`SELECT ${userTaskColumns} FROM user_task WHERE task_key::text = $1`, [taskKey]);
      const task = rows[0]!;
      if (task.status !== 'created') {
        throw new Conflict(`user task ${taskKey} is already ${task.status}`, { extra: { taskKey, currentStatus: task.status } });
      }
      await options.within?.(ctx.sql);
      await advance(ctx, row, async (live, definition) => {
        applyResult(live, definition.elements[task.element_id], task.local_variables, variables);
        if (!live.signal(task.execution_id)) throw new Conflict(`user task ${taskKey} is no longer waiting`, { extra: { taskKey } });
        await ctx.sql.query(`UPDATE user_task SET status = 'completed', ended_at = $2, completed_by = $3 WHERE task_key::text = $1`, [
          taskKey,
          this.clock.now(),
          options.completedBy ?? null,
        ]);
        ctx.events.push({ type: 'userTaskCompleted', task: toUserTask(task), variables });
      });
      ctx.touched.add(row.instance_key);
    });
  }

  async publishMessage(message: PublishMessage): Promise<void> {
    await this.step((ctx) => publish(ctx, message));
  }

  async cancelInstance(instanceKey: string): Promise<void> {
    await this.step(async (ctx) => {
      const row = await lockInstance(ctx.sql, instanceKey);
      const now = this.clock.now();
      await ctx.sql.query(`UPDATE engine_instance SET status = 'terminated', engine_state = NULL, ended_at = $2 WHERE instance_key = $1`, [
        instanceKey,
        now,
      ]);
      for (const table of ['engine_timer', 'engine_job', 'engine_message_subscription']) {
        await ctx.sql.query(`DELETE FROM ${table} WHERE instance_key = $1`, [instanceKey]);
      }
      await ctx.sql.query(`UPDATE user_task SET status = 'canceled', ended_at = $2 WHERE instance_key = $1 AND status = 'created'`, [
        instanceKey,
        now,
      ]);
      await resolveIncidents(ctx, instanceKey);
      ctx.saved.set(instanceKey, null);
      ctx.events.push({ type: 'instanceEnded', instance: toProcessInstance(row), state: 'terminated' });
    });
  }

  registerWorker(type: string, handler: JobHandler, options: WorkerOptions = {}): void {
    this.workers.set(type, { handler, timeoutMs: options.timeoutMs ?? this.jobTimeoutMs });
  }

  workerTypes(): string[] {
    return [...this.workers.keys()].sort();
  }

  async listIncidents(filter: { instanceKey?: string } = {}): Promise<Incident[]> {
    const { rows } = await this.db.query<IncidentRow>(
      `SELECT ${incidentColumns} FROM engine_incident
        WHERE resolved_at IS NULL AND ($1::text IS NULL OR instance_key::text = $1) ORDER BY incident_key`,
      [filter.instanceKey ?? null],
    );
    return rows.map(toIncident);
  }

  async retryIncident(incidentKey: string, retries?: number): Promise<void> {
    await this.step(async (ctx) => {
      const found = await ctx.sql.query<{ instance_key: string }>('SELECT instance_key::text FROM engine_incident WHERE incident_key::text = $1', [
        incidentKey,
      ]);
      if (!found.rows[0]) throw new NotFound(`incident ${incidentKey} does not exist`, { field: 'incidentKey' });
      const row = await lockInstance(ctx.sql, found.rows[0].instance_key);
      const { rows } = await ctx.sql.query<IncidentRow & { resolved_at: Date | null }>(
        `SELECT ${incidentColumns}, resolved_at FROM engine_incident WHERE incident_key::text = $1`,
        [incidentKey],
      );
      const incident = rows[0]!;
      if (incident.resolved_at) throw new Conflict(`incident ${incidentKey} is already resolved`, { extra: { incidentKey } });
      if (incident.job_key) {
        const definition = await this.definitions.byKey(ctx.sql, row.definition_key);
        const configured = Number(resolveValue(definition.elements[incident.element_id]?.job?.retries ?? '3', {}));
        await ctx.sql.query(
          `UPDATE engine_job SET status = 'activatable', retries = $2, run_after = $3, error_message = NULL WHERE job_key::text = $1`,
          [incident.job_key, retries ?? (Number.isFinite(configured) && configured > 0 ? configured : 1), this.clock.now()],
        );
      }
      await ctx.sql.query('UPDATE engine_incident SET resolved_at = $2 WHERE incident_key::text = $1', [incidentKey, this.clock.now()]);
      ctx.events.push({ type: 'incidentResolved', incident: toIncident(incident) });
      ctx.touched.add(row.instance_key);
    });
  }

  on(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Catches up first (timers that came due while no engine ran fire before this resolves), then polls. */
  async start(): Promise<void> {
    if (this.poller || this.polling) return;
    this.polling = this.pollOnce();
    await this.polling;
    this.polling = null;
    this.schedulePoll(this.pollIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.poller) clearTimeout(this.poller);
    this.poller = null;
    const running = this.polling;
    this.polling = null;
    await running;
  }

  private schedulePoll(delayMs: number): void {
    this.poller = setTimeout(() => {
      this.poller = null;
      this.polling = this.pollOnce()
        .then(() => this.nextPollDelay())
        .catch(() => this.pollIntervalMs)
        .then((next) => {
          if (this.polling) {
            this.polling = null;
            this.schedulePoll(next);
          }
        });
    }, delayMs);
  }

  /**
   * Sleeps until the next timer or job retry is due rather than a fixed interval, so a timer fires within
   * milliseconds of its due time; the interval still bounds the sleep, since other processes arm timers too.
   */
  private async nextPollDelay(): Promise<number> {
    const { rows } = await this.db.query<{ next: Date | null }>(
      `SELECT least((SELECT min(due_at) FROM engine_timer), (SELECT min(run_after) FROM engine_job WHERE status = 'activatable')) AS next`,
    );
    const next = rows[0]?.next;
    if (!next) return this.pollIntervalMs;
    return Math.max(0, Math.min(this.pollIntervalMs, new Date(next).getTime() - this.clock.now().getTime()));
  }

  /**
   * One round of the scheduler: every due timer (those that came due while no engine ran included), then every
   * runnable job this process has a worker for. A failing step is left for the next round.
   */
  async pollOnce(): Promise<void> {
    const rounds: Array<() => Promise<boolean>> = [
      () => this.step((ctx) => fireNextTimer(ctx)),
      () => (this.workers.size === 0 ? Promise.resolve(false) : this.step((ctx) => runNextJob(ctx, this.workers), false)),
    ];
    for (const round of rounds) {
      for (let run = 0; run < maxJobsPerDrain; run++) {
        const more = await round().catch(() => false);
        if (!more) break;
      }
    }
  }
}
