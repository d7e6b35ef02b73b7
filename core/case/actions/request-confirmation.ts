import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 发核实: the acceptor sends a collector to confirm the report on site. */
export async function requestConfirmation(sql: Sql, input: ActionInput) {
  return transition(sql, { ...recordOf(input), action: 'request-confirmation', from: ['reported'], to: 'confirming' });
}
