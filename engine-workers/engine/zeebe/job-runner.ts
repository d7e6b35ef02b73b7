import type { Zeebe } from '@camunda8/sdk';
import type { Database } from '../../../core/ports/database.ts';
import type { Job, JobHandler, JobOutcome, Variables } from '../../../core/ports/engine.ts';
import { BUSINESS_KEY_VARIABLE } from './business-key.ts';

type TaskHandler = Parameters<Zeebe.ZeebeGrpcClient['createWorker']>[0]['taskHandler'];
type Acknowledgement = Awaited<ReturnType<TaskHandler>>;

/** The part of an activated Zeebe job the adapter uses; tests hand-write objects of this shape. */
export type ActivatedJob = Pick<
  Parameters<TaskHandler>[0],
  'key' | 'type' | 'processInstanceKey' | 'bpmnProcessId' | 'elementId' | 'variables' | 'customHeaders' | 'retries' | 'complete' | 'error' | 'fail'
>;

export function toPortJob(job: ActivatedJob): Job {
  const variables: Variables = { ...job.variables };
  const businessKey = variables[BUSINESS_KEY_VARIABLE];
  return {
    key: String(job.key),
    type: job.type,
    instanceKey: String(job.processInstanceKey),
    businessKey: businessKey === undefined || businessKey === null ? '' : String(businessKey),
    processId: job.bpmnProcessId,
    elementId: job.elementId,
    variables,
    customHeaders: Object.fromEntries(Object.entries(job.customHeaders).map(([name, value]) => [name, String(value)])),
    retries: job.retries,
  };
}

/**
 * A handler that throws did not decide: a domain error naming a BPMN error code is a business outcome the diagram
 * can catch; anything else is technical and retried (fail without explicit retries lets Zeebe count down).
 */
export function outcomeOfError(error: unknown): JobOutcome {
  const bpmnErrorCode = (error as { bpmnErrorCode?: unknown } | null)?.bpmnErrorCode;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof bpmnErrorCode === 'string' && bpmnErrorCode !== '') {
    return { outcome: 'bpmnError', errorCode: bpmnErrorCode, message };
  }
  return { outcome: 'fail', message };
}

// Our variables are plain JSON-able objects; the SDK's JSON types cannot express `unknown` values.
type JsonVariables = NonNullable<Parameters<ActivatedJob['complete']>[0]>;
type ErrorVariables = Extract<Parameters<ActivatedJob['error']>[0], object>['variables'];

export function settleJob(job: ActivatedJob, outcome: JobOutcome): Promise<Acknowledgement> {
  switch (outcome.outcome) {
    case 'complete':
      return job.complete((outcome.variables ?? {}) as JsonVariables);
    case 'bpmnError':
      return job.error({
        errorCode: outcome.errorCode,
        errorMessage: outcome.message ?? '',
        variables: (outcome.variables ?? {}) as ErrorVariables,
      });
    case 'fail':
      return job.fail({ errorMessage: outcome.message, retryBackOff: outcome.retryBackoffMs ?? 0 });
  }
}

/**
 * Runs the handler in a transaction of its own and settles the job only after it committed: if Zeebe never hears
 * back (crash, lost connection) the job is handed out again and the handler must find its work already done.
 * A handler that throws leaves nothing behind (rolled back).
 */
export function createJobRunner(db: Database, handler: JobHandler): (job: ActivatedJob) => Promise<Acknowledgement> {
  return async (job) => {
    let outcome: JobOutcome;
    try {
      outcome = await db.transaction((sql) => handler(toPortJob(job), { sql }));
    } catch (error) {
      outcome = outcomeOfError(error);
    }
    return settleJob(job, outcome);
  };
}
