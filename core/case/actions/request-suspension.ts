import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 申请挂账: the case cannot be solved now (funding, planning); the department asks to park it. */
export async function requestSuspension(sql: Sql, input: ActionInput) {
  return transition(sql, { ...recordOf(input), action: 'request-suspension', from: ['handling'], to: 'suspension-requested' });
}
