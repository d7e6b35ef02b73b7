import { requestReturn } from '../../core/case/actions/request-return.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 申请回退: the department chose to return the case. */
export const requestReturnWorker = caseWorker('case.request-return', async (sql, job, deps) => {
  await requestReturn(sql, userStepInput(job, deps));
});
