import { extendCase } from '../../core/case/actions/extend.ts';
import { caseWorker, deadlineVariables, userStepInput } from './case-job.ts';

/** 延期审批: approved, `deadline` and `reminderCycle` move; denied, they stay and the department goes on. */
export const extendWorker = caseWorker('case.extend', async (sql, job, deps) => {
  const result = await extendCase(
    sql,
    { ...userStepInput(job, deps), approved: job.variables.approved === true, limit: String(job.variables.extensionLimit ?? '') },
    deps,
  );
  return deadlineVariables(result.case.deadline, deps);
});
