import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 核实: the report is confirmed (by the acceptor, or on site by a collector who may not find the problem). */
export async function confirmCase(sql: Sql, input: ActionInput & { found: boolean }) {
  return transition(sql, {
    ...recordOf(input),
    action: 'confirm',
    from: ['reported', 'confirming'],
    to: 'confirmed',
    data: { found: input.found },
  });
}
