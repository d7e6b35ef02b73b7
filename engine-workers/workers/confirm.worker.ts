import { confirmCase } from '../../core/case/actions/confirm.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 核实: records the acceptor's confirmation or the collector's on-site finding (`found`, true unless said otherwise). */
export const confirmWorker = caseWorker('case.confirm', async (sql, job, deps) => {
  await confirmCase(sql, { ...userStepInput(job, deps), found: job.variables.found !== false });
});
