import { requestSuspension } from '../../core/case/actions/request-suspension.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 申请挂账: the department asked to park the case. */
export const requestSuspensionWorker = caseWorker('case.request-suspension', async (sql, job, deps) => {
  await requestSuspension(sql, userStepInput(job, deps));
});
