import { rejectCase } from '../../core/case/actions/reject.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 不予立案: the shift leader decided to reject. */
export const rejectWorker = caseWorker('case.reject', async (sql, job, deps) => {
  await rejectCase(sql, userStepInput(job, deps));
});
