import { json } from '../../../core/ports/database.ts';
import type { Variables } from '../../../core/ports/engine.ts';
import { toUserTask, type UserTaskRow } from '../user-task-row.ts';
import type { LoadedDefinition } from './definitions.ts';
import type { ElementInfo } from './diagram-elements.ts';
import { resolveValue } from './feel.ts';
import type { InstanceRow, StepContext } from './instance-step.ts';
import { evaluateInputs, resolveIncidents } from './instance-step.ts';
import { nextKey } from './keys.ts';
import type { LiveInstance, Waiting } from './live-instance.ts';

/**
 * Brings the rows of everything an instance waits for in line with the engine after a step: new waits get a
 * row (and an event), waits that ended lose theirs. Executions ids tie a row to its wait across steps.
 */
export async function syncWaits(ctx: StepContext, row: InstanceRow, definition: LoadedDefinition, live: LiveInstance): Promise<void> {
  for (;;) {
    const waiting = live.waiting();
    const of = (pick: (e: ElementInfo) => unknown) => waiting.filter((w) => pick(definition.elements[w.elementId] ?? ({} as ElementInfo)));
    await syncUserTasks(ctx, row, definition, live, of((e) => e.userTask));
    await syncJobs(ctx, row, definition, live, of((e) => e.job));
    await syncTimers(ctx, row, live);
    const opened = await syncSubscriptions(ctx, row, definition, live, of((e) => e.message));
    // A buffered message for a subscription that just opened correlates in this same step, which may open more.
    if (!(await correlateBuffered(ctx, live, opened))) return;
  }
}

function split<T>(current: Waiting[], existing: T[], executionOf: (row: T) => string) {
  const live = new Set(current.map((w) => w.executionId));
  const stored = new Set(existing.map(executionOf));
  return {
    added: current.filter((w, i) => !stored.has(w.executionId) && current.findIndex((o) => o.executionId === w.executionId) === i),
    gone: existing.filter((r) => !live.has(executionOf(r))),
  };
}

/** An embedded engine's user_task row: the shared columns plus its execution and local variables. */
export interface EmbeddedUserTaskRow extends UserTaskRow {
  execution_id: string;
  local_variables: Variables;
  status: 'created' | 'completed' | 'canceled';
}

export const userTaskColumns = `task_key::text, instance_key::text, execution_id, business_key, process_id, process_version,
  element_id, name, candidate_groups, candidate_users, assignee, due_at, follow_up_at, form_id, local_variables, created_at, status`;

/** zeebe:assignmentDefinition lists are "a, b" literals or FEEL lists. */
function list(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function dateOrNull(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

const attribute = (value: string | null, scope: Variables) => (value === null ? null : resolveValue(value, scope));

async function syncUserTasks(ctx: StepContext, row: InstanceRow, definition: LoadedDefinition, live: LiveInstance, current: Waiting[]) {
  const { rows: open } = await ctx.sql.query<{ task_key: string; execution_id: string }>(
    `SELECT task_key::text, execution_id FROM user_task WHERE instance_key = $1 AND status = 'created'`,
    [row.instance_key],
  );
  const { added, gone } = split(current, open, (r) => r.execution_id);
  if (gone.length > 0) {
    await ctx.sql.query(
      `UPDATE user_task SET status = 'canceled', ended_at = $2 WHERE task_key::text IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [json(gone.map((r) => r.task_key)), ctx.clock.now()],
    );
  }
  const variables = live.variables();
  for (const wait of added) {
    const element = definition.elements[wait.elementId]!;
    const spec = element.userTask!;
    const local = evaluateInputs(element, variables);
    const scope = { ...variables, ...local };
    const assignee = attribute(spec.assignee, scope);
    const { rows } = await ctx.sql.query<EmbeddedUserTaskRow>(
      `INSERT INTO user_task (task_key, instance_key, execution_id, business_key, process_id, process_version, element_id, name,
         candidate_groups, candidate_users, assignee, due_at, follow_up_at, form_id, local_variables, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING ${userTaskColumns}`,
      [
        await nextKey(ctx.sql),
        row.instance_key,
        wait.executionId,
        row.business_key,
        row.process_id,
        row.version,
        element.id,
        element.name ?? element.id,
        json(list(attribute(spec.candidateGroups, scope))),
        json(list(attribute(spec.candidateUsers, scope))),
        assignee === null || assignee === '' ? null : String(assignee),
        dateOrNull(attribute(spec.dueDate, scope)),
        dateOrNull(attribute(spec.followUpDate, scope)),
        spec.formId,
        json(local),
        ctx.clock.now(),
      ],
    );
    ctx.events.push({ type: 'userTaskCreated', task: toUserTask(rows[0]!) });
  }
}

async function syncJobs(ctx: StepContext, row: InstanceRow, definition: LoadedDefinition, live: LiveInstance, current: Waiting[]) {
  const { rows: existing } = await ctx.sql.query<{ job_key: string; execution_id: string }>(
    'SELECT job_key::text, execution_id FROM engine_job WHERE instance_key = $1',
    [row.instance_key],
  );
  const { added, gone } = split(current, existing, (r) => r.execution_id);
  if (gone.length > 0) {
    const keys = gone.map((r) => r.job_key);
    await ctx.sql.query('DELETE FROM engine_job WHERE job_key::text IN (SELECT jsonb_array_elements_text($1::jsonb))', [json(keys)]);
    await resolveIncidents(ctx, row.instance_key, keys);
  }
  const variables = live.variables();
  for (const wait of added) {
    const element = definition.elements[wait.elementId]!;
    const job = element.job!;
    const local = evaluateInputs(element, variables);
    const retries = Number(resolveValue(job.retries, { ...variables, ...local }));
    await ctx.sql.query(
      `INSERT INTO engine_job (job_key, instance_key, execution_id, element_id, type, retries, run_after, local_variables, custom_headers, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $7)`,
      [
        await nextKey(ctx.sql),
        row.instance_key,
        wait.executionId,
        element.id,
        job.type,
        Number.isFinite(retries) && retries > 0 ? Math.floor(retries) : 3,
        ctx.clock.now(),
        json(local),
        json(job.headers),
      ],
    );
    ctx.touched.add(row.instance_key);
  }
}

/**
 * A timer armed while the saved state was resumed keeps the due time it was stored with; one armed by the step
 * itself (a new wait, or the next round of a cycle) is due its delay from the injected clock's now.
 */
async function syncTimers(ctx: StepContext, row: InstanceRow, live: LiveInstance) {
  const { rows: existing } = await ctx.sql.query<{ execution_id: string }>('SELECT execution_id FROM engine_timer WHERE instance_key = $1', [
    row.instance_key,
  ]);
  const armed = [...live.timers.values()];
  const stored = new Set(existing.map((r) => r.execution_id));
  const gone = existing.filter((r) => !live.timers.has(r.execution_id)).map((r) => r.execution_id);
  if (gone.length > 0) {
    await ctx.sql.query('DELETE FROM engine_timer WHERE instance_key = $1 AND execution_id IN (SELECT jsonb_array_elements_text($2::jsonb))', [
      row.instance_key,
      json(gone),
    ]);
  }
  const now = ctx.clock.now().getTime();
  for (const timer of armed) {
    if (timer.resumed && stored.has(timer.executionId)) continue;
    await ctx.sql.query(
      `INSERT INTO engine_timer (instance_key, execution_id, element_id, due_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (instance_key, execution_id) DO UPDATE SET due_at = EXCLUDED.due_at`,
      [row.instance_key, timer.executionId, timer.elementId, new Date(now + timer.delayMs)],
    );
  }
}

interface OpenedSubscription {
  executionId: string;
  name: string;
  correlationKey: string;
}

async function syncSubscriptions(
  ctx: StepContext,
  row: InstanceRow,
  definition: LoadedDefinition,
  live: LiveInstance,
  current: Waiting[],
): Promise<OpenedSubscription[]> {
  const { rows: existing } = await ctx.sql.query<{ execution_id: string }>(
    'SELECT execution_id FROM engine_message_subscription WHERE instance_key = $1',
    [row.instance_key],
  );
  const { added, gone } = split(current, existing, (r) => r.execution_id);
  if (gone.length > 0) {
    await ctx.sql.query(
      'DELETE FROM engine_message_subscription WHERE instance_key = $1 AND execution_id IN (SELECT jsonb_array_elements_text($2::jsonb))',
      [row.instance_key, json(gone.map((r) => r.execution_id))],
    );
  }
  const variables = live.variables();
  const opened: OpenedSubscription[] = [];
  for (const wait of added) {
    const message = definition.elements[wait.elementId]!.message!;
    const correlationKey = String(resolveValue(message.correlationKey, variables) ?? '');
    await ctx.sql.query(
      `INSERT INTO engine_message_subscription (instance_key, execution_id, element_id, message_name, correlation_key)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.instance_key, wait.executionId, wait.elementId, message.name, correlationKey],
    );
    opened.push({ executionId: wait.executionId, name: message.name, correlationKey });
  }
  return opened;
}

/** Correlates the oldest live buffered message to the first new subscription that has one. */
async function correlateBuffered(ctx: StepContext, live: LiveInstance, opened: OpenedSubscription[]): Promise<boolean> {
  for (const subscription of opened) {
    const { rows } = await ctx.sql.query<{ message_key: string; variables: Variables }>(
      `SELECT message_key::text, variables FROM engine_message
        WHERE name = $1 AND correlation_key = $2 AND correlated_at IS NULL AND expires_at > $3
        ORDER BY message_key LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [subscription.name, subscription.correlationKey, ctx.clock.now()],
    );
    const message = rows[0];
    if (!message) continue;
    live.assignVariables(message.variables);
    live.signal(subscription.executionId);
    await live.settle();
    await ctx.sql.query('UPDATE engine_message SET correlated_at = $2 WHERE message_key = $1', [message.message_key, ctx.clock.now()]);
    return true;
  }
  return false;
}
