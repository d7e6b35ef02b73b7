import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { readCase } from '../case-store.ts';
import { deadlinePassed } from '../deadline.ts';
import { noticeAboutCase } from '../case-notice.ts';
import { recordOf, transition } from '../transition.ts';

/**
 * 催办: a reminder to the department handling the case. The reminder timer asks `onlyWhenOverdue`: a reminder
 * that fires before the deadline (a deadline moved by an extension) sends nothing.
 */
export async function urgeCase(sql: Sql, input: ActionInput & { onlyWhenOverdue?: boolean }) {
  if (input.onlyWhenOverdue) {
    const current = await readCase(sql, input.caseId);
    if (!deadlinePassed(current, input.at)) return { case: current, applied: false };
  }
  const result = await transition(sql, { ...recordOf(input), action: 'urge', from: ['handling'], to: null });
  if (result.applied) await noticeAboutCase(sql, 'urge', 'department', result.case, input);
  return result;
}
