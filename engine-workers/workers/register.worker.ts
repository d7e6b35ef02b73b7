import { registerCase } from '../../core/case/actions/register.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 立案: the shift leader decided to register. */
export const registerWorker = caseWorker('case.register', async (sql, job, deps) => {
  const result = await registerCase(sql, userStepInput(job, deps));
  if (result.applied && deps.onRegistered) await deps.onRegistered(sql, result.case);
});
