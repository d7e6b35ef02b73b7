import { requestVoid } from '../../core/case/actions/request-void.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 申请作废: a case-void-requested message arrived (its variables carry the actor and comment). */
export const requestVoidWorker = caseWorker('case.request-void', async (sql, job, deps) => {
  await requestVoid(sql, userStepInput(job, deps));
});
