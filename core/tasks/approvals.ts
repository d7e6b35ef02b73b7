import type { ActionMap } from '../case/action-map.ts';
import { caseStatus } from '../case/statuses.ts';
import type { Principal } from '../identity/roles.ts';
import type { Sql } from '../ports/database.ts';
import { listInbox, type InboxTask } from './inbox.ts';

/** 审批待办: a request (回退, 延期, 挂账, 作废) waiting for the caller's decision, with what it is decided on. */
export interface PendingApproval {
  request: string;
  task: InboxTask;
  case: {
    id: string;
    caseNumber: string | null;
    className: string | null;
    statusLabelZh: string | null;
    statusLabelEn: string | null;
    address: string | null;
    description: string | null;
    departmentId: string | null;
    deadline: string | null;
  };
  /** The request as the history records it; null when the diagram asked for an approval without one. */
  asked: { actorName: string | null; actorRole: string | null; comment: string | null; at: string; data: Record<string, unknown> } | null;
}

/** More than any command centre has waiting at once; the inbox's own page limit. */
const maxApprovals = 200;

/**
 * The approvals in the caller's inbox, oldest first (it has waited longest), in two queries whatever their
 * number. Which user tasks are approvals, and of what, comes from the action map's `approve` choice.
 */
export async function pendingApprovals(sql: Sql, principal: Principal, actions: ActionMap, now: Date): Promise<PendingApproval[]> {
  const elements = actions.actions.approve?.task?.choose?.elements ?? {};
  const requestOf = new Map(Object.entries(elements).map(([request, elementId]) => [elementId, request]));
  // By the approval form, so that the hundreds of dispatch or handling tasks a caller may have do not crowd them out.
  const items: InboxTask[] = [];
  for (const formId of actions.actions.approve?.task?.forms ?? []) items.push(...(await listInbox(sql, principal, { formId, pageSize: maxApprovals }, now)).items);
  const tasks = items.filter((task) => requestOf.has(task.elementId));
  if (tasks.length === 0) return [];
  const { rows } = await sql.query<{
    case_id: string; action: string; actor_name: string | null; actor_role: string | null; comment: string | null; at: Date | string;
    data: Record<string, unknown> | string; description: string | null; status: string;
  }>(
    `SELECT c.id AS case_id, c.description, c.status, e.action, e.actor_name, e.actor_role, e.comment, e.at, e.data
       FROM "case" c
       LEFT JOIN LATERAL (
         SELECT action, actor_name, actor_role, comment, at, data FROM case_event
          WHERE case_id = c.id AND action LIKE 'request-%' ORDER BY at DESC, id DESC LIMIT 1
       ) e ON true
      WHERE c.id = ANY($1)`,
    [[...new Set(tasks.map((task) => task.caseId))]],
  );
  const byCase = new Map(rows.map((row) => [row.case_id, row]));
  return tasks
    .map((task): PendingApproval => {
      const request = requestOf.get(task.elementId) as string;
      const row = byCase.get(task.caseId);
      const status = row ? caseStatus(row.status) : null;
      const asked = row?.action === `request-${request}` ? row : null;
      return {
        request,
        task,
        case: {
          id: task.caseId,
          caseNumber: task.caseNumber,
          className: task.case?.className ?? null,
          statusLabelZh: status?.labelZh ?? null,
          statusLabelEn: status?.labelEn ?? null,
          address: task.case?.address ?? null,
          description: row?.description ?? null,
          departmentId: task.case?.departmentId ?? null,
          deadline: task.case?.deadline ?? null,
        },
        asked: asked
          ? {
              actorName: asked.actor_name,
              actorRole: asked.actor_role,
              comment: asked.comment,
              at: new Date(asked.at).toISOString(),
              data: typeof asked.data === 'string' ? JSON.parse(asked.data) : asked.data,
            }
          : null,
      };
    })
    .sort((a, b) => a.task.createdAt.localeCompare(b.task.createdAt));
}
