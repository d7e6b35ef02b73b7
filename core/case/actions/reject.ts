import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 不予立案: the report does not meet the filing condition. */
export async function rejectCase(sql: Sql, input: ActionInput) {
  return transition(sql, { ...recordOf(input), action: 'reject', from: ['reported', 'confirmed'], to: 'rejected' });
}
