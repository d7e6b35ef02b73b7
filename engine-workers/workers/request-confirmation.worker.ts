import { requestConfirmation } from '../../core/case/actions/request-confirmation.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 发核实: after the acceptor asked for an on-site check. */
export const requestConfirmationWorker = caseWorker('case.request-confirmation', async (sql, job, deps) => {
  await requestConfirmation(sql, userStepInput(job, deps));
});
