import { feedbackCase } from '../../core/case/actions/feedback.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 处理反馈: the department reported the case handled, with its comment and photos. */
export const feedbackWorker = caseWorker('case.feedback', async (sql, job, deps) => {
  await feedbackCase(sql, userStepInput(job, deps));
});
