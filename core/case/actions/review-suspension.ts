import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { noticeAboutCase } from '../case-notice.ts';
import { recordOf, transition } from '../transition.ts';

/** 挂账复查: a periodic reminder to the dispatcher that a parked case is still waiting. */
export async function reviewSuspension(sql: Sql, input: ActionInput) {
  const result = await transition(sql, { ...recordOf(input), action: 'review-suspension', from: ['suspended'], to: null });
  if (result.applied) await noticeAboutCase(sql, 'suspension-review', 'dispatcher', result.case, input);
  return result;
}
