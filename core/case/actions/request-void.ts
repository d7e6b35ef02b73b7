import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { statusesOfKind } from '../statuses.ts';
import { recordOf, transition } from '../transition.ts';

/** 申请作废: anyone working on an open case asks the shift leader to cancel it; the case goes on meanwhile. */
export async function requestVoid(sql: Sql, input: ActionInput) {
  return transition(sql, { ...recordOf(input), action: 'request-void', from: statusesOfKind('open', 'suspended'), to: null });
}
