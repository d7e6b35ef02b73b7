import { voidCase } from '../../core/case/actions/void.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 作废审批: records the shift leader's decision (`approved`); approved, the diagram ends the whole instance. */
export const voidWorker = caseWorker('case.void', async (sql, job, deps) => {
  await voidCase(sql, { ...userStepInput(job, deps), approved: job.variables.approved === true });
});
