import { returnCase } from '../../core/case/actions/return.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 回退审批: records the dispatcher's decision (`approved`); the diagram routes on the same variable. */
export const returnWorker = caseWorker('case.return', async (sql, job, deps) => {
  await returnCase(sql, { ...userStepInput(job, deps), approved: job.variables.approved === true });
});
