import type { Sql } from '../../ports/database.ts';
import { Invalid } from '../../errors.ts';
import type { ActionInput } from '../deps.ts';
import { readCase } from '../case-store.ts';
import { recordOf, transition } from '../transition.ts';

/** 合并: the report repeats an existing case and is merged into it. */
export async function mergeCase(sql: Sql, input: ActionInput & { duplicateOf: string }) {
  if (input.duplicateOf === input.caseId) throw new Invalid('a case cannot be a duplicate of itself', { field: 'duplicateOf' });
  const original = await readCase(sql, input.duplicateOf).catch(() => {
    throw new Invalid(`case ${input.duplicateOf} does not exist`, { field: 'duplicateOf' });
  });
  if (original.status === 'merged' || original.statusKind === 'voided') {
    throw new Invalid(`case ${original.caseNumber} is ${original.status} and cannot take duplicates`, { field: 'duplicateOf' });
  }
  return transition(sql, {
    ...recordOf(input),
    action: 'merge',
    from: ['reported', 'confirmed'],
    to: 'merged',
    data: { duplicateOf: original.id, duplicateCaseNumber: original.caseNumber },
    change: () => ({ set: { duplicate_of: original.id } }),
  });
}
