import type { WorkflowEngine, WorkerOptions } from '../../core/ports/engine.ts';
import type { CaseWorker } from './case-job.ts';
import type { CaseWorkerDeps } from './case-worker-deps.ts';
import { closeWorker } from './close.worker.ts';
import { confirmWorker } from './confirm.worker.ts';
import { dispatchWorker } from './dispatch.worker.ts';
import { extendWorker } from './extend.worker.ts';
import { feedbackWorker } from './feedback.worker.ts';
import { markOverdueWorker } from './mark-overdue.worker.ts';
import { mergeWorker } from './merge.worker.ts';
import { registerWorker } from './register.worker.ts';
import { rejectWorker } from './reject.worker.ts';
import { requestConfirmationWorker } from './request-confirmation.worker.ts';
import { requestExtensionWorker } from './request-extension.worker.ts';
import { requestReturnWorker } from './request-return.worker.ts';
import { requestSuspensionWorker } from './request-suspension.worker.ts';
import { requestVoidWorker } from './request-void.worker.ts';
import { resumeWorker } from './resume.worker.ts';
import { returnWorker } from './return.worker.ts';
import { reviewSuspensionWorker } from './review-suspension.worker.ts';
import { reworkWorker } from './rework.worker.ts';
import { superviseWorker } from './supervise.worker.ts';
import { suspendWorker } from './suspend.worker.ts';
import { urgeWorker } from './urge.worker.ts';
import { verifyWorker } from './verify.worker.ts';
import { voidWorker } from './void.worker.ts';

export type { CaseWorkerDeps } from './case-worker-deps.ts';
export type { CaseWorker } from './case-job.ts';

/** Every case worker, one per task type of workflows/case-lifecycle.bpmn. */
export const caseWorkers: readonly CaseWorker[] = [
  requestConfirmationWorker,
  confirmWorker,
  registerWorker,
  rejectWorker,
  mergeWorker,
  dispatchWorker,
  markOverdueWorker,
  superviseWorker,
  urgeWorker,
  requestReturnWorker,
  returnWorker,
  requestExtensionWorker,
  extendWorker,
  requestSuspensionWorker,
  suspendWorker,
  reviewSuspensionWorker,
  resumeWorker,
  requestVoidWorker,
  voidWorker,
  feedbackWorker,
  verifyWorker,
  reworkWorker,
  closeWorker,
];

export const caseTaskTypes: readonly string[] = caseWorkers.map((worker) => worker.type);

/** Registers every case worker on an engine, built from the same deps. */
export function registerCaseWorkers(engine: WorkflowEngine, deps: CaseWorkerDeps, options?: WorkerOptions): void {
  for (const worker of caseWorkers) {
    engine.registerWorker(worker.type, (job, context) => worker.handle(job, context, deps), options);
  }
}
