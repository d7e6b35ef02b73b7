import { bpmnError, complete, fail, type Job, type JobContext, type JobOutcome, type Variables } from '../../core/ports/engine.ts';
import { DomainError } from '../../core/errors.ts';
import { systemActor, type Actor } from '../../core/case/case-types.ts';
import type { ActionInput } from '../../core/case/deps.ts';
import type { CaseWorkerDeps } from './case-worker-deps.ts';

/** The case a job is about: the `caseId` variable, or the instance's business key. */
export function caseIdOf(job: Job): string {
  return typeof job.variables.caseId === 'string' ? job.variables.caseId : job.businessKey;
}

/** The API puts `actor: { id, name, role }` into the variables of every user task it completes. */
function actorOf(job: Job): Actor {
  const actor = job.variables.actor as Partial<Actor> | undefined;
  if (!actor || typeof actor.name !== 'string' || typeof actor.role !== 'string') return systemActor;
  return { id: typeof actor.id === 'number' ? actor.id : null, name: actor.name, role: actor.role };
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The action input of a job that follows a user task: who completed it, their comment and attachments. The job key
 * is the idempotency key, so a job delivered twice writes one history row.
 */
export function userStepInput(job: Job, deps: Pick<CaseWorkerDeps, 'clock'>): ActionInput {
  return {
    caseId: caseIdOf(job),
    actor: actorOf(job),
    at: deps.clock.now(),
    comment: typeof job.variables.comment === 'string' ? job.variables.comment : null,
    attachments: stringList(job.variables.attachmentIds),
    idempotencyKey: job.key,
  };
}

/** The action input of a job a timer started: the system acts, nobody's comment applies. */
export function timerStepInput(job: Job, deps: Pick<CaseWorkerDeps, 'clock'>, idempotencyKey = job.key): ActionInput {
  return { caseId: caseIdOf(job), actor: systemActor, at: deps.clock.now(), idempotencyKey };
}

/**
 * Runs a case action for a job. A domain error that names a BPMN error code is a business outcome the diagram
 * catches; any other error fails the job, so the engine retries it and raises an incident when retries run out.
 */
export async function runCaseStep(step: () => Promise<Variables | void>): Promise<JobOutcome> {
  try {
    return complete((await step()) ?? undefined);
  } catch (error) {
    if (error instanceof DomainError && error.bpmnErrorCode) return bpmnError(error.bpmnErrorCode, error.message);
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/** Zeebe reads ISO date-times; whole seconds keep timer and due-date strings short and unambiguous. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The variables a new deadline sets: `deadline` drives Task_Handle's due date and Timer_Deadline; `reminderCycle`
 * repeats 催办 every interval from one interval after the deadline.
 */
export function deadlineVariables(deadline: string | null, deps: Pick<CaseWorkerDeps, 'reminderIntervalHours'>): Variables {
  if (!deadline) return {};
  const hours = deps.reminderIntervalHours ?? 4;
  const firstReminder = new Date(new Date(deadline).getTime() + hours * 3600_000);
  return { deadline: isoSeconds(new Date(deadline)), reminderCycle: `R/${isoSeconds(firstReminder)}/PT${hours}H` };
}

export interface CaseWorker {
  /** The zeebe:taskDefinition type, e.g. case.register. */
  type: string;
  handle(job: Job, context: JobContext, deps: CaseWorkerDeps): Promise<JobOutcome>;
}

/** A worker for one task type from the case step it runs in the job's transaction. */
export function caseWorker(
  type: string,
  step: (sql: JobContext['sql'], job: Job, deps: CaseWorkerDeps) => Promise<Variables | void>,
): CaseWorker {
  return { type, handle: (job, context, deps) => runCaseStep(() => step(context.sql, job, deps)) };
}
