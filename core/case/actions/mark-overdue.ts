import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { readCase } from '../case-store.ts';
import { deadlinePassed } from '../deadline.ts';
import { recordOf, transition } from '../transition.ts';

/**
 * 超期: the deadline passed while the department still handles the case. A timer that fires again, or late for
 * a deadline that has since moved, changes nothing.
 */
export async function markOverdue(sql: Sql, input: ActionInput) {
  const current = await readCase(sql, input.caseId);
  if (current.overdue || !deadlinePassed(current, input.at)) return { case: current, applied: false };
  return transition(sql, {
    ...recordOf(input),
    action: 'mark-overdue',
    from: ['handling'],
    to: null,
    data: { deadline: current.deadline },
    change: () => ({ set: { overdue: true } }),
  });
}
