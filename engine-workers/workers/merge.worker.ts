import { mergeCase } from '../../core/case/actions/merge.ts';
import { caseWorker, userStepInput } from './case-job.ts';

/** 合并: the shift leader named the case this report duplicates (`duplicateOf`). */
export const mergeWorker = caseWorker('case.merge', async (sql, job, deps) => {
  await mergeCase(sql, { ...userStepInput(job, deps), duplicateOf: String(job.variables.duplicateOf ?? '') });
});
