import { markOverdue } from '../../core/case/actions/mark-overdue.ts';
import { caseWorker, timerStepInput } from './case-job.ts';

/** 超期: Timer_Deadline fired while the department still handles the case. */
export const markOverdueWorker = caseWorker('case.mark-overdue', async (sql, job, deps) => {
  await markOverdue(sql, timerStepInput(job, deps));
});
