import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 立案: the shift leader accepts the report as a case against the class's filing condition. */
export async function registerCase(sql: Sql, input: ActionInput) {
  return transition(sql, {
    ...recordOf(input),
    action: 'register',
    from: ['reported', 'confirmed'],
    to: 'registered',
    change: () => ({ set: { registered_at: input.at } }),
  });
}
