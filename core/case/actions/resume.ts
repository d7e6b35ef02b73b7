import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { deadlineAfterResume, type DeadlineDeps } from '../deadline.ts';
import { recordOf, transition } from '../transition.ts';

/** 解挂: the parked case is handled again with the time that was left when it was suspended. */
export async function resumeCase(sql: Sql, input: ActionInput, deps: DeadlineDeps) {
  return transition(sql, {
    ...recordOf(input),
    action: 'resume',
    from: ['suspended'],
    to: 'handling',
    change: (current) => {
      const deadline = deadlineAfterResume(deps, current, input.at);
      const suspendedSeconds = current.suspendedAt ? Math.round((input.at.getTime() - new Date(current.suspendedAt).getTime()) / 1000) : 0;
      return {
        set: {
          deadline: deadline.due,
          deadline_approximate: deadline.approximate,
          overdue: current.remainingMinutes === 0 && current.overdue,
          suspended_at: null,
          remaining_minutes: null,
        },
        increment: { suspended_seconds: suspendedSeconds },
        data: { deadline: deadline.due.toISOString(), suspendedSeconds },
      };
    },
  });
}
