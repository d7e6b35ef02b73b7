import { reviewSuspension } from '../../core/case/actions/review-suspension.ts';
import { caseWorker, timerStepInput } from './case-job.ts';

/** 挂账复查: Timer_SuspensionReview reminds the dispatcher of a parked case. */
export const reviewSuspensionWorker = caseWorker('case.review-suspension', async (sql, job, deps) => {
  await reviewSuspension(sql, timerStepInput(job, deps));
});
