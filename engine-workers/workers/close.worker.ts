import { closeCase } from '../../core/case/actions/close.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 结案: the shift leader closed the verified case. */
export const closeWorker = caseWorker('case.close', async (sql, job, deps) => {
  await closeCase(sql, userStepInput(job, deps));
});
