import { resumeCase } from '../../core/case/actions/resume.ts';
import { caseWorker, deadlineVariables, userStepInput } from './case-job.ts';

/** 解挂: the department takes the case up again; the new `deadline` gives back the working time that was left. */
export const resumeWorker = caseWorker('case.resume', async (sql, job, deps) => {
  const result = await resumeCase(sql, userStepInput(job, deps), deps);
  return deadlineVariables(result.case.deadline, deps);
});
