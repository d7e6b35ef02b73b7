import { dispatchCase } from '../../core/case/actions/dispatch.ts';
import { caseWorker, deadlineVariables, userStepInput } from './case-job.ts';

/**
 * 派遣: sends the case to `departmentId` and sets `deadline` and `reminderCycle`. An unknown department is the BPMN
 * error INVALID_DEPARTMENT, which the diagram sends back to the dispatcher.
 */
export const dispatchWorker = caseWorker('case.dispatch', async (sql, job, deps) => {
  const result = await dispatchCase(sql, { ...userStepInput(job, deps), departmentId: String(job.variables.departmentId ?? '') }, deps);
  return deadlineVariables(result.case.deadline, deps);
});
