import { reworkCase } from '../../core/case/actions/rework.ts';
import { caseWorker, deadlineVariables, timerStepInput } from './case-job.ts';

/** 返工: verification failed; the same department handles the case again with a fresh `deadline`. */
export const reworkWorker = caseWorker('case.rework', async (sql, job, deps) => {
  const result = await reworkCase(sql, timerStepInput(job, deps), deps);
  return deadlineVariables(result.case.deadline, deps);
});
