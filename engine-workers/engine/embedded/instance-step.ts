import { Conflict, NotFound } from '../../../core/errors.ts';
import type { Clock } from '../../../core/ports/clock.ts';
import { json, type Sql } from '../../../core/ports/database.ts';
import type { EngineEvent, ProcessInstance, Variables } from '../../../core/ports/engine.ts';
import type { DefinitionCache, LoadedDefinition } from './definitions.ts';
import type { ElementInfo } from './diagram-elements.ts';
import { evaluateFeel } from './feel.ts';
import { LiveInstance } from './live-instance.ts';
import type { LiveInstanceCache } from './live-instance-cache.ts';
import { syncWaits } from './wait-rows.ts';

/** What one transaction needs, and what it produced for after the commit. */
export interface StepContext {
  sql: Sql;
  clock: Clock;
  definitions: DefinitionCache;
  /** Emitted to listeners once the transaction has committed. */
  events: EngineEvent[];
  /** Instances that got new jobs: a local worker may run them right after the commit. */
  touched: Set<string>;
  /** Instances kept live between steps; read here, written only once the step committed. */
  instances: LiveInstanceCache;
  /** What this step leaves for the cache after the commit: the instance as saved, or null once it ended. */
  saved: Map<string, { live: LiveInstance; stateVersion: number } | null>;
}

export interface InstanceRow {
  instance_key: string;
  definition_key: string;
  process_id: string;
  version: number;
  business_key: string;
  status: 'active' | 'completed' | 'terminated';
  state_version: number;
}

export const toProcessInstance = (row: InstanceRow): ProcessInstance => ({
  instanceKey: String(row.instance_key),
  processId: row.process_id,
  version: row.version,
  businessKey: row.business_key,
});

/**
 * Takes the instance's row lock for the rest of the transaction. Every step of an instance goes through here
 * first, so the rows that hang off an instance (timers, jobs, tasks, subscriptions) are only changed under it.
 */
export async function lockInstance(sql: Sql, instanceKey: string): Promise<InstanceRow> {
  const { rows } = await sql.query<InstanceRow>(
    `SELECT instance_key::text, definition_key::text, process_id, version, business_key, status, state_version
       FROM engine_instance WHERE instance_key = $1 FOR UPDATE`,
    [instanceKey],
  );
  const row = rows[0];
  if (!row) throw new NotFound(`process instance ${instanceKey} does not exist`);
  if (row.status !== 'active') throw new Conflict(`process instance ${instanceKey} has ${row.status}`, { extra: { currentStatus: row.status } });
  return row;
}

/**
 * Zeebe's output rule: without output mappings the result is merged into the process scope; with them only the
 * mapped targets are, evaluated over the process scope, the element's inputs and the result.
 */
export function applyResult(live: LiveInstance, element: ElementInfo | undefined, local: Variables, result: Variables): void {
  const outputs = element?.outputs ?? [];
  if (outputs.length === 0) return live.assignVariables(result);
  const scope = { ...live.variables(), ...local, ...result };
  live.assignVariables(Object.fromEntries(outputs.map((o) => [o.target, evaluateFeel(o.source, scope)])));
}

/** The element's zeebe:ioMapping inputs, evaluated over the process scope. */
export function evaluateInputs(element: ElementInfo | undefined, variables: Variables): Variables {
  const local: Variables = {};
  for (const input of element?.inputs ?? []) local[input.target] = evaluateFeel(input.source, { ...variables, ...local });
  return local;
}

/** Saves what a step did: the rows for every wait, then the state (or the end of the instance). */
async function persist(ctx: StepContext, row: InstanceRow, definition: LoadedDefinition, live: LiveInstance): Promise<void> {
  await syncWaits(ctx, row, definition, live);
  const now = ctx.clock.now();
  if (live.isEnded) {
    await ctx.sql.query(
      `UPDATE engine_instance SET status = 'completed', engine_state = NULL, variables = $2, ended_at = $3 WHERE instance_key = $1`,
      [row.instance_key, json(live.variables()), now],
    );
    await resolveIncidents(ctx, row.instance_key);
    ctx.events.push({ type: 'instanceEnded', instance: toProcessInstance(row), state: 'completed' });
    ctx.saved.set(row.instance_key, null);
    return;
  }
  const { rows } = await ctx.sql.query<{ state_version: number }>(
    'UPDATE engine_instance SET engine_state = $2, variables = $3, state_version = state_version + 1 WHERE instance_key = $1 RETURNING state_version',
    [row.instance_key, json(await live.savedState()), json(live.variables())],
  );
  live.markSaved();
  ctx.saved.set(row.instance_key, { live, stateVersion: rows[0]!.state_version });
}

/** Starts an instance of the definition and saves where it first waits. */
export async function startStep(
  ctx: StepContext,
  definition: LoadedDefinition,
  instanceKey: string,
  businessKey: string,
  variables: Variables,
): Promise<InstanceRow> {
  const now = ctx.clock.now();
  const row: InstanceRow = {
    instance_key: instanceKey,
    definition_key: definition.definitionKey,
    process_id: definition.processId,
    version: definition.version,
    business_key: businessKey,
    status: 'active',
    state_version: 0,
  };
  await ctx.sql.query(
    `INSERT INTO engine_instance (instance_key, definition_key, process_id, version, business_key, status, variables, started_at)
     VALUES ($1, $2, $3, $4, $5, 'active', $6, $7)`,
    [instanceKey, definition.definitionKey, definition.processId, definition.version, businessKey, json(variables), now],
  );
  const live = await LiveInstance.start(definition, variables, ctx.clock);
  await persist(ctx, row, definition, live);
  return row;
}

/**
 * One step of a locked instance: take it live from the cache if it is as the row saved it, else recover and
 * resume it from the row; let `act` advance it, and save. A throw anywhere leaves the transaction to roll back, so
 * the instance stays where it was (and the live one, perhaps advanced, is dropped).
 */
export async function advance(
  ctx: StepContext,
  row: InstanceRow,
  act: (live: LiveInstance, definition: LoadedDefinition) => Promise<void> | void,
): Promise<void> {
  const definition = await ctx.definitions.byKey(ctx.sql, row.definition_key);
  const live = ctx.instances.take(row.instance_key, row.state_version) ?? (await recover(ctx.sql, definition, row, ctx.clock));
  await act(live, definition);
  await live.settle();
  await persist(ctx, row, definition, live);
}

async function recover(sql: Sql, definition: LoadedDefinition, row: InstanceRow, clock: Clock): Promise<LiveInstance> {
  const { rows } = await sql.query<{ engine_state: unknown }>('SELECT engine_state FROM engine_instance WHERE instance_key = $1', [row.instance_key]);
  return LiveInstance.resume(definition, rows[0]?.engine_state, clock);
}

/** Marks an instance's open incidents resolved (its wait is gone: the instance moved on or ended). */
export async function resolveIncidents(ctx: StepContext, instanceKey: string, jobKeys?: string[]): Promise<void> {
  const { rows } = await ctx.sql.query<IncidentRow>(
    `UPDATE engine_incident SET resolved_at = $2
      WHERE instance_key = $1 AND resolved_at IS NULL AND ($3::jsonb IS NULL OR job_key::text IN (SELECT jsonb_array_elements_text($3::jsonb)))
      RETURNING ${incidentColumns}`,
    [instanceKey, ctx.clock.now(), jobKeys ? json(jobKeys) : null],
  );
  for (const incident of rows) ctx.events.push({ type: 'incidentResolved', incident: toIncident(incident) });
}

export interface IncidentRow {
  incident_key: string;
  instance_key: string;
  business_key: string;
  element_id: string;
  job_key: string | null;
  error_type: string;
  message: string;
  created_at: Date;
}

export const incidentColumns =
  'incident_key::text, instance_key::text, business_key, element_id, job_key::text, error_type, message, created_at';

export const toIncident = (row: IncidentRow) => ({
  key: row.incident_key,
  instanceKey: row.instance_key,
  businessKey: row.business_key,
  elementId: row.element_id,
  jobKey: row.job_key,
  errorType: row.error_type as 'JOB_NO_RETRIES' | 'UNHANDLED_ERROR_EVENT' | 'EXTRACT_VALUE_ERROR' | 'CONDITION_ERROR' | 'UNKNOWN',
  message: row.message,
  createdAt: new Date(row.created_at).toISOString(),
});
