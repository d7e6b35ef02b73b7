import type { Sql } from '../../ports/database.ts';
import { Invalid } from '../../errors.ts';
import type { ActionInput } from '../deps.ts';
import { handlingDeadline, type DeadlineDeps } from '../deadline.ts';
import { recordOf, transition } from '../transition.ts';

export const invalidDepartmentError = 'INVALID_DEPARTMENT';

/** 派遣: the dispatcher sends the case to a department; the deadline runs from now by the class rule. */
export async function dispatchCase(sql: Sql, input: ActionInput & { departmentId: string }, deps: DeadlineDeps) {
  const { rows } = await sql.query('SELECT 1 FROM department WHERE id = $1 AND active', [input.departmentId]);
  if (rows.length === 0) {
    throw new Invalid(`department ${input.departmentId} does not exist or is inactive`, {
      field: 'departmentId',
      bpmnErrorCode: invalidDepartmentError,
    });
  }
  return transition(sql, {
    ...recordOf(input),
    action: 'dispatch',
    from: ['registered', 'returned'],
    to: 'handling',
    change: (current) => {
      const deadline = handlingDeadline(deps, current, input.at);
      return {
        set: {
          department_id: input.departmentId,
          deadline: deadline.due,
          deadline_approximate: deadline.approximate,
          overdue: false,
          dispatched_at: input.at,
        },
        increment: { dispatch_count: 1 },
        data: { deadline: deadline.due.toISOString(), deadlineApproximate: deadline.approximate },
      };
    },
    data: { departmentId: input.departmentId },
  });
}
