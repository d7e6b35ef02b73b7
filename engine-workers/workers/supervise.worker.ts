import { superviseCase } from '../../core/case/actions/supervise.ts';
import { caseWorker, timerStepInput } from './case-job.ts';

/**
 * 督办 after the deadline passed: one notice to the department head per deadline, however often the handling
 * task is re-entered after it (a denied request brings the case back to an already expired deadline).
 */
export const superviseWorker = caseWorker('case.supervise', async (sql, job, deps) => {
  await superviseCase(sql, { ...timerStepInput(job, deps, `supervise:${String(job.variables.deadline)}`), onlyWhenOverdue: true });
});
