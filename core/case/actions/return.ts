import type { Sql } from '../../ports/database.ts';
import type { ApprovalInput } from '../deps.ts';
import { approvalRecord, transition } from '../transition.ts';

/** 回退审批: approved, the case goes back to dispatch without a department; denied, the department keeps it. */
export async function returnCase(sql: Sql, input: ApprovalInput) {
  return transition(sql, {
    ...approvalRecord(input, 'return'),
    from: ['return-requested'],
    to: input.approved ? 'returned' : 'handling',
    change: (current) =>
      input.approved
        ? {
            set: { department_id: null, deadline: null, deadline_approximate: false, overdue: false },
            increment: { return_count: 1 },
            data: { departmentId: current.departmentId },
          }
        : {},
  });
}
