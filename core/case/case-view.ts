import type { WorkingCalendar } from '../ports/calendar.ts';
import type { Sql } from '../ports/database.ts';
import type { Principal } from '../identity/roles.ts';
import { openTasksOfCase, type InboxTask } from '../tasks/inbox.ts';
import type { ActionMap } from './action-map.ts';
import { allowedActions, type AllowedAction } from './case-actions.ts';
import type { CaseRecord } from './case-types.ts';
import { readCase } from './case-store.ts';
import { caseHistory, type CaseEvent } from './history.ts';
import { likelyDuplicates, type DuplicateSettings } from './case-query.ts';
import { caseStatus } from './statuses.ts';
import { caseProcess } from './case-diagram.ts';

export interface CaseView extends CaseRecord {
  statusLabelZh: string;
  statusLabelEn: string;
  /** Time left before the deadline (negative when overdue), counted as the deadline counts (working or continuous). */
  remaining: { milliseconds: number; workingHours: number; unit: 'working-hour' | 'hour' } | null;
  history: CaseEvent[];
  openTasks: InboxTask[];
  /** BPMN element ids the case waits at, for highlighting the diagram. */
  activeElementIds: string[];
  /** The user tasks of its diagram the case has passed (已完成环节), for showing the path taken. */
  completedElementIds: string[];
  /** The diagram and version the case runs on. */
  processId: string | null;
  processVersion: number | null;
  duplicates: Awaited<ReturnType<typeof likelyDuplicates>>;
  allowedActions: AllowedAction[];
}

/** Suspended time does not count: the clock stops while a case is 挂账. */
function remainingTime(current: CaseRecord, calendar: WorkingCalendar, now: Date): CaseView['remaining'] {
  if (current.statusKind === 'closed' || current.statusKind === 'voided') return null;
  const unit = current.urgency === 'urgent' ? 'hour' : 'working-hour';
  let milliseconds: number;
  if (current.statusKind === 'suspended' && current.remainingMinutes !== null) milliseconds = current.remainingMinutes * 60_000;
  else if (current.deadline) milliseconds = calendar.remainingTime(new Date(current.deadline), now, unit).milliseconds;
  else return null;
  return { milliseconds, workingHours: Math.round((milliseconds / 3_600_000) * 100) / 100, unit };
}

/** Everything the case page shows, for one caller (who has already been checked to see it). */
export async function caseView(
  sql: Sql,
  deps: { calendar: WorkingCalendar; actions: ActionMap; duplicates?: DuplicateSettings },
  principal: Principal,
  caseId: string,
  now: Date,
): Promise<CaseView> {
  const current = await readCase(sql, caseId);
  const openTasks = await openTasksOfCase(sql, caseId, now);
  const waiting = await sql.query<{ element_id: string }>(
    `SELECT element_id FROM engine_message_subscription s JOIN engine_instance i USING (instance_key)
      WHERE i.business_key = $1 AND i.status = 'active'
     UNION SELECT element_id FROM engine_job j JOIN engine_instance i USING (instance_key)
      WHERE i.business_key = $1 AND i.status = 'active'`,
    [caseId],
  );
  const process = await caseProcess(sql, caseId);
  // Completed user tasks stay in user_task on either engine, and survive a restart as the engine state does.
  const completed = process
    ? await sql.query<{ element_id: string }>(
        `SELECT DISTINCT t.element_id FROM user_task t JOIN engine_instance i USING (instance_key)
          WHERE i.business_key = $1 AND i.process_id = $2 AND i.version = $3 AND t.status = 'completed'`,
        [caseId, process.processId, process.version],
      )
    : { rows: [] };
  const status = caseStatus(current.status);
  const activeElementIds = [...new Set([...openTasks.map((task) => task.elementId), ...waiting.rows.map((row) => row.element_id)])].sort();
  return {
    ...current,
    statusLabelZh: status.labelZh,
    statusLabelEn: status.labelEn,
    remaining: remainingTime(current, deps.calendar, now),
    history: await caseHistory(sql, caseId),
    openTasks,
    activeElementIds,
    // A step done and waiting again (rework sends the case back to 处置) shows as where it is now.
    completedElementIds: completed.rows.map((row) => row.element_id).filter((id) => !activeElementIds.includes(id)).sort(),
    processId: process?.processId ?? null,
    processVersion: process?.version ?? null,
    duplicates: current.statusKind === 'open' ? await likelyDuplicates(sql, current, deps.duplicates) : [],
    allowedActions: allowedActions(deps, principal, current, openTasks),
  };
}
