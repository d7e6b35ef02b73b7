import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 结案: the shift leader closes a verified case. */
export async function closeCase(sql: Sql, input: ActionInput) {
  return transition(sql, {
    ...recordOf(input),
    action: 'close',
    from: ['verified'],
    to: 'closed',
    change: () => ({ set: { closed_at: input.at } }),
  });
}
