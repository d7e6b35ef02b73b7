import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { readCase } from '../case-store.ts';
import { noticeAboutCase } from '../case-notice.ts';
import { deadlinePassed } from '../deadline.ts';
import { statusesOfKind } from '../statuses.ts';
import { recordOf, transition } from '../transition.ts';

/**
 * 督办: a supervision notice to the head of the department that has the case. The deadline timer asks
 * `onlyWhenOverdue`, so a timer that fires early (a deadline moved meanwhile) supervises nobody.
 */
export async function superviseCase(sql: Sql, input: ActionInput & { onlyWhenOverdue?: boolean }) {
  if (input.onlyWhenOverdue) {
    const current = await readCase(sql, input.caseId);
    if (!deadlinePassed(current, input.at)) return { case: current, applied: false };
  }
  const result = await transition(sql, {
    ...recordOf(input),
    action: 'supervise',
    from: statusesOfKind('open', 'suspended'),
    to: null,
    change: () => ({ set: { supervised: true } }),
  });
  if (result.applied) await noticeAboutCase(sql, 'supervise', 'department-head', result.case, input);
  return result;
}
