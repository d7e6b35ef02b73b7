import type { Sql } from '../../ports/database.ts';
import type { WorkingCalendar } from '../../ports/calendar.ts';
import type { ApprovalInput } from '../deps.ts';
import { approvalRecord, transition } from '../transition.ts';

/** 延期审批: approved, the deadline moves by the requested working time; either way the department goes on. */
export async function extendCase(sql: Sql, input: ApprovalInput & { limit: string }, deps: { calendar: WorkingCalendar }) {
  const record = approvalRecord(input, 'extend');
  return transition(sql, {
    ...record,
    from: ['extension-requested'],
    to: 'handling',
    change: (current) => {
      if (!input.approved || !current.deadline) return {};
      const moved = deps.calendar.addWorkingTime(new Date(current.deadline), input.limit);
      return {
        set: { deadline: moved.due, deadline_approximate: moved.approximate, overdue: moved.due <= input.at },
        increment: { extension_count: 1 },
        data: { limit: input.limit, previousDeadline: current.deadline, deadline: moved.due.toISOString() },
      };
    },
  });
}
