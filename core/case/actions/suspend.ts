import type { Sql } from '../../ports/database.ts';
import type { ApprovalInput } from '../deps.ts';
import { remainingMinutes, type DeadlineDeps } from '../deadline.ts';
import { approvalRecord, transition } from '../transition.ts';

/** 挂账审批: approved, the clock stops and the working time left is kept for the resume. */
export async function suspendCase(sql: Sql, input: ApprovalInput, deps: DeadlineDeps) {
  const record = approvalRecord(input, 'suspend');
  return transition(sql, {
    ...record,
    from: ['suspension-requested'],
    to: input.approved ? 'suspended' : 'handling',
    change: (current) => {
      if (!input.approved) return {};
      const remaining = remainingMinutes(deps, current, input.at);
      return {
        set: { suspended_at: input.at, remaining_minutes: remaining },
        increment: { suspension_count: 1 },
        data: { remainingMinutes: remaining },
      };
    },
  });
}
