import { suspendCase } from '../../core/case/actions/suspend.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 挂账审批: approved, the clock stops; `suspensionReviewCycle` drives the periodic review while parked. */
export const suspendWorker = caseWorker('case.suspend', async (sql, job, deps) => {
  await suspendCase(sql, { ...userStepInput(job, deps), approved: job.variables.approved === true }, deps);
  return { suspensionReviewCycle: `R/P${deps.suspensionReviewDays ?? 30}D` };
});
