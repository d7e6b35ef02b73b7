import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 处理反馈: the department reports the case handled, with result photos; it now waits for verification. */
export async function feedbackCase(sql: Sql, input: ActionInput) {
  return transition(sql, { ...recordOf(input), action: 'feedback', from: ['handling'], to: 'verifying' });
}
