import { urgeCase } from '../../core/case/actions/urge.ts';
import { caseWorker, timerStepInput } from './case-job.ts';

/** 催办: Timer_Reminder repeats while the handling task is open; only an overdue case gets a reminder. */
export const urgeWorker = caseWorker('case.urge', async (sql, job, deps) => {
  await urgeCase(sql, { ...timerStepInput(job, deps), onlyWhenOverdue: true });
});
