import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 申请回退: the department says the case is not theirs. */
export async function requestReturn(sql: Sql, input: ActionInput) {
  return transition(sql, { ...recordOf(input), action: 'request-return', from: ['handling'], to: 'return-requested' });
}
