import { verifyCase } from '../../core/case/actions/verify.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 核查: records the collector's on-site check (`passed`); the diagram closes or reworks on the same variable. */
export const verifyWorker = caseWorker('case.verify', async (sql, job, deps) => {
  await verifyCase(sql, { ...userStepInput(job, deps), passed: job.variables.passed === true });
});
