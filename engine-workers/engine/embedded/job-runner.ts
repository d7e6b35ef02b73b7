import { DomainError } from '../../../core/errors.ts';
import { json, type Sql } from '../../../core/ports/database.ts';
import type { Job, JobHandler, JobOutcome, Variables } from '../../../core/ports/engine.ts';
import { catchesError } from './diagram-elements.ts';
import {
  advance,
  applyResult,
  incidentColumns,
  lockInstance,
  toIncident,
  type IncidentRow,
  type InstanceRow,
  type StepContext,
} from './instance-step.ts';
import { nextKey } from './keys.ts';

export interface RegisteredWorker {
  handler: JobHandler;
  timeoutMs: number;
}

interface JobRow {
  job_key: string;
  instance_key: string;
  execution_id: string;
  element_id: string;
  type: string;
  retries: number;
  local_variables: Variables;
  custom_headers: Record<string, string>;
}

/**
 * Claims one runnable job of a type this process has a worker for (optionally only of some instances) and runs it
 * in the caller's transaction. The instance row is the claim: SKIP LOCKED leaves instances another step or engine
 * holds, so a job never runs twice at once. Returns false when there was nothing to run.
 */
export async function runNextJob(
  ctx: StepContext,
  workers: ReadonlyMap<string, RegisteredWorker>,
  instanceKeys?: string[],
): Promise<boolean> {
  const { rows: claimed } = await ctx.sql.query<{ instance_key: string }>(
    `SELECT j.instance_key::text FROM engine_job j JOIN engine_instance i ON i.instance_key = j.instance_key
      WHERE j.status = 'activatable' AND j.run_after <= $1 AND j.type IN (SELECT jsonb_array_elements_text($2::jsonb))
        AND ($3::jsonb IS NULL OR j.instance_key::text IN (SELECT jsonb_array_elements_text($3::jsonb)))
      ORDER BY j.run_after, j.job_key LIMIT 1 FOR UPDATE OF i SKIP LOCKED`,
    [ctx.clock.now(), json([...workers.keys()]), instanceKeys ? json(instanceKeys) : null],
  );
  if (!claimed[0]) return false;
  const instance = await lockInstance(ctx.sql, claimed[0].instance_key);
  const { rows } = await ctx.sql.query<JobRow>(
    `SELECT job_key::text, instance_key::text, execution_id, element_id, type, retries, local_variables, custom_headers
       FROM engine_job WHERE instance_key = $1 AND status = 'activatable' AND run_after <= $2
        AND type IN (SELECT jsonb_array_elements_text($3::jsonb))
      ORDER BY run_after, job_key LIMIT 1`,
    [instance.instance_key, ctx.clock.now(), json([...workers.keys()])],
  );
  const row = rows[0];
  if (!row) return true;
  await runJob(ctx, instance, row, workers.get(row.type)!);
  return true;
}

async function runJob(ctx: StepContext, instance: InstanceRow, row: JobRow, worker: RegisteredWorker): Promise<void> {
  const { rows: scope } = await ctx.sql.query<{ variables: Variables }>('SELECT variables FROM engine_instance WHERE instance_key = $1', [
    instance.instance_key,
  ]);
  const job: Job = {
    key: row.job_key,
    type: row.type,
    instanceKey: instance.instance_key,
    businessKey: instance.business_key,
    processId: instance.process_id,
    elementId: row.element_id,
    variables: { ...scope[0]?.variables, ...row.local_variables },
    customHeaders: row.custom_headers,
    retries: row.retries,
  };
  // The handler's writes live inside a savepoint: a failed attempt is undone while its retry count is kept.
  await ctx.sql.exec('SAVEPOINT engine_job');
  const outcome = await outcomeOf(worker, job, ctx.sql);
  if (outcome.outcome === 'fail') {
    await ctx.sql.exec('ROLLBACK TO SAVEPOINT engine_job');
    return failJob(ctx, instance, row, outcome.message, outcome.retryBackoffMs ?? 0);
  }
  const elements = (await ctx.definitions.byKey(ctx.sql, instance.definition_key)).elements;
  if (outcome.outcome === 'bpmnError' && !catchesError(elements, row.element_id, outcome.errorCode)) {
    await ctx.sql.exec('ROLLBACK TO SAVEPOINT engine_job');
    const message = `BPMN error ${outcome.errorCode} from ${row.element_id} is not caught${outcome.message ? `: ${outcome.message}` : ''}`;
    return raiseJobIncident(ctx, instance, row, 'UNHANDLED_ERROR_EVENT', message);
  }
  const eventsBefore = ctx.events.length;
  try {
    await advance(ctx, instance, (live) => {
      applyResult(live, elements[row.element_id], row.local_variables, outcome.variables ?? {});
      const done =
        outcome.outcome === 'bpmnError'
          ? live.throwJobError(row.execution_id, outcome.errorCode, outcome.message ?? outcome.errorCode)
          : live.completeJob(row.execution_id);
      if (!done) throw new Error(`${row.element_id} no longer waits for job ${row.job_key}`);
    });
    await ctx.sql.exec('RELEASE SAVEPOINT engine_job');
  } catch (error) {
    // The process itself failed to continue (e.g. no outgoing flow matched): an incident, as on Zeebe.
    await ctx.sql.exec('ROLLBACK TO SAVEPOINT engine_job');
    ctx.events.length = eventsBefore;
    // The live instance may have moved on before the failure: the next step recovers what the row holds.
    ctx.saved.delete(instance.instance_key);
    await raiseJobIncident(ctx, instance, row, 'UNKNOWN', (error as Error).message);
  }
}

/** A thrown error is a failure, except a domain error that names a BPMN error code the diagram may catch. */
async function outcomeOf(worker: RegisteredWorker, job: Job, sql: Sql): Promise<JobOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<JobOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'fail', message: `job timed out after ${worker.timeoutMs} ms` }), worker.timeoutMs);
  });
  try {
    return await Promise.race([worker.handler(job, { sql }), timeout]);
  } catch (error) {
    if (error instanceof DomainError && error.bpmnErrorCode) {
      return { outcome: 'bpmnError', errorCode: error.bpmnErrorCode, message: error.message };
    }
    return { outcome: 'fail', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function failJob(ctx: StepContext, instance: InstanceRow, row: JobRow, message: string, backoffMs: number): Promise<void> {
  const retries = row.retries - 1;
  if (retries <= 0) return raiseJobIncident(ctx, instance, row, 'JOB_NO_RETRIES', message, retries);
  await ctx.sql.query('UPDATE engine_job SET retries = $2, run_after = $3, error_message = $4 WHERE job_key = $1', [
    row.job_key,
    retries,
    new Date(ctx.clock.now().getTime() + backoffMs),
    message,
  ]);
}

async function raiseJobIncident(
  ctx: StepContext,
  instance: InstanceRow,
  row: JobRow,
  errorType: string,
  message: string,
  retries = row.retries,
): Promise<void> {
  await ctx.sql.query(`UPDATE engine_job SET status = 'incident', retries = $2, error_message = $3 WHERE job_key = $1`, [
    row.job_key,
    Math.max(0, retries),
    message,
  ]);
  const { rows } = await ctx.sql.query<IncidentRow>(
    `INSERT INTO engine_incident (incident_key, instance_key, business_key, element_id, job_key, error_type, message, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${incidentColumns}`,
    [await nextKey(ctx.sql), instance.instance_key, instance.business_key, row.element_id, row.job_key, errorType, message, ctx.clock.now()],
  );
  ctx.events.push({ type: 'incidentRaised', incident: toIncident(rows[0]!) });
}
