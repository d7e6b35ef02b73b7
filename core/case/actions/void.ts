import type { Sql } from '../../ports/database.ts';
import type { ApprovalInput } from '../deps.ts';
import { statusesOfKind } from '../statuses.ts';
import { approvalRecord, transition } from '../transition.ts';

/** 作废审批: approved by the shift leader, the case is cancelled at whatever open stage it was. */
export async function voidCase(sql: Sql, input: ApprovalInput) {
  return transition(sql, {
    ...approvalRecord(input, 'void'),
    from: statusesOfKind('open', 'suspended'),
    to: input.approved ? 'voided' : null,
    change: () => (input.approved ? { set: { closed_at: input.at } } : {}),
  });
}
