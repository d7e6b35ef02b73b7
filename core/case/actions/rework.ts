import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { handlingDeadline, type DeadlineDeps } from '../deadline.ts';
import { recordOf, transition } from '../transition.ts';

/** 返工: verification failed, the same department handles the case again with a fresh deadline. */
export async function reworkCase(sql: Sql, input: ActionInput, deps: DeadlineDeps) {
  return transition(sql, {
    ...recordOf(input),
    action: 'rework',
    from: ['verification-failed'],
    to: 'handling',
    change: (current) => {
      const deadline = handlingDeadline(deps, current, input.at);
      return {
        set: { deadline: deadline.due, deadline_approximate: deadline.approximate, overdue: false },
        increment: { rework_count: 1 },
        data: { departmentId: current.departmentId, deadline: deadline.due.toISOString() },
      };
    },
  });
}
