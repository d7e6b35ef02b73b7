import type { Sql } from '../ports/database.ts';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import { countedPage } from '../store/counted-page.ts';
import { caseScopeCondition } from '../access/case-scope.ts';
import type { Principal } from '../identity/roles.ts';
import { actingGroup, candidateGroupsOf } from './candidate-groups.ts';

export interface InboxTask {
  key: string;
  caseId: string;
  caseNumber: string | null;
  processId: string;
  processVersion: number;
  elementId: string;
  name: string;
  formId: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  dueAt: string | null;
  createdAt: string;
  overdue: boolean;
  case: {
    status: string;
    statusKind: string;
    classCode: string;
    className: string;
    address: string | null;
    gridCode: string | null;
    departmentId: string | null;
    urgency: string;
    deadline: string | null;
  } | null;
}

interface TaskRow {
  task_key: string;
  business_key: string;
  process_id: string;
  process_version: number;
  element_id: string;
  name: string;
  form_id: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  assignee: string | null;
  due_at: Date | null;
  created_at: Date;
  case_number: string | null;
  status: string | null;
  status_kind: string | null;
  class_code: string | null;
  class_name: string | null;
  address: string | null;
  grid_code: string | null;
  department_id: string | null;
  urgency: string | null;
  deadline: Date | null;
}

const selectTasks = `
  SELECT t.task_key::text AS task_key, t.business_key, t.process_id, t.process_version, t.element_id, t.name, t.form_id,
         t.candidate_groups, t.candidate_users, t.assignee, t.due_at, t.created_at,
         c.case_number, c.status, c.status_kind, c.class_code, c.class_name, c.address, c.grid_code, c.department_id,
         c.urgency, c.deadline
  FROM user_task t LEFT JOIN "case" c ON c.id = t.business_key`;

function toTask(row: TaskRow, now: Date): InboxTask {
  return {
    key: row.task_key,
    caseId: row.business_key,
    caseNumber: row.case_number,
    processId: row.process_id,
    processVersion: row.process_version,
    elementId: row.element_id,
    name: row.name,
    formId: row.form_id,
    candidateGroups: row.candidate_groups,
    candidateUsers: row.candidate_users,
    assignee: row.assignee,
    dueAt: row.due_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    overdue: row.due_at !== null && row.due_at < now,
    case: row.status
      ? {
          status: row.status,
          statusKind: row.status_kind as string,
          classCode: row.class_code as string,
          className: row.class_name as string,
          address: row.address,
          gridCode: row.grid_code?.trim() ?? null,
          departmentId: row.department_id,
          urgency: row.urgency as string,
          deadline: row.deadline?.toISOString() ?? null,
        }
      : null,
  };
}

export interface InboxFilter {
  /** mine: assigned to me; group: unassigned in my groups; all: both (default). */
  view?: 'mine' | 'group' | 'all';
  caseId?: string;
  formId?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

/**
 * The `user_task_offer` rows (migration 0011) through which a task reaches the caller: claimed by them, or
 * unclaimed and offered to one of their groups or to them by name.
 */
function inboxCandidates(principal: Principal, view: 'mine' | 'group' | 'all'): string[] {
  if (principal.kind !== 'user') return [];
  const mine = [`assignee:${principal.username}`];
  const offered = [`user:${principal.username}`, ...candidateGroupsOf(principal).map((group) => `group:${group}`)];
  return view === 'mine' ? mine : view === 'group' ? offered : [...mine, ...offered];
}

/**
 * Candidates whose tasks are in the caller's scope without looking at the case: the engine offers a task to
 * `department:<id>` only on a case dispatched to that department, which is the department's scope.
 */
function candidatesInScope(principal: Principal): string[] {
  if (principal.kind !== 'user' || !principal.departmentId) return [];
  return principal.roles.includes('department') || principal.roles.includes('department-head')
    ? [`group:department:${principal.departmentId}`]
    : [];
}

/**
 * The caller's open tasks: assigned to them, or offered to one of their groups or to them by name, and on a case
 * in their scope (a collector's group tasks only in its grids). Overdue first, then by due date, then oldest.
 *
 * Each candidate's tasks are read from the offer index in due order, only as far as the page needs, so a
 * department with thousands of open tasks costs a page, not its whole inbox.
 */
export async function listInbox(sql: Sql, principal: Principal, filter: InboxFilter, now: Date): Promise<{ items: InboxTask[]; total: number }> {
  const candidates = inboxCandidates(principal, filter.view ?? 'all');
  if (candidates.length === 0) return { items: [], total: 0 };
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // The offer row carries its case's department, grids and reporter (migration 0023): no case is read for the scope.
  const scope = caseScopeCondition(principal, params, 'o');
  const inScope = scope === 'true' ? candidates : candidatesInScope(principal).filter((c) => candidates.includes(c));
  const scopedCandidates = add(inScope);
  const otherCandidates = add(candidates.filter((c) => !inScope.includes(c)));
  // Every parameter must appear in the query (PostgreSQL cannot type an unused one), so filters only when asked for.
  const filters: string[] = [];
  if (filter.caseId) filters.push(`o.business_key = ${add(filter.caseId)}`);
  if (filter.formId) filters.push(`t.form_id = ${add(filter.formId)}`);
  if (filter.overdue !== undefined) {
    filters.push(filter.overdue ? `o.due_at < ${add(now)}` : `(o.due_at IS NULL OR o.due_at >= ${add(now)})`);
  }
  const withTask = filter.formId ? 'JOIN user_task t ON t.task_key = o.task_key' : '';
  const filtered = filters.map((condition) => ` AND ${condition}`).join('');
  // Tasks of cases outside the caller's scope stay hidden (a collector sees verify tasks of its grids only).
  const visible = `(NOT o.in_case OR ${scope})`;
  const pageSize = Math.min(filter.pageSize ?? 50, 200);
  const offset = ((filter.page ?? 1) - 1) * pageSize;

  // Earliest due first is overdue first: an overdue task's due time lies before every other's.
  const { rows, total } = await countedPage<TaskRow & Record<string, unknown>>(
    sql,
    {
      count: `SELECT count(DISTINCT task_key)::int AS n FROM (
                SELECT o.task_key FROM user_task_offer o ${withTask}
                 WHERE o.candidate = ANY(${scopedCandidates}::text[])${filtered}
                UNION ALL
                SELECT o.task_key FROM user_task_offer o ${withTask}
                 WHERE o.candidate = ANY(${otherCandidates}::text[])${filtered} AND ${visible}
              ) offered`,
      with: `offered AS (
               SELECT DISTINCT o.task_key FROM unnest(${scopedCandidates}::text[] || ${otherCandidates}::text[]) AS k(candidate)
               CROSS JOIN LATERAL (
                 SELECT o.task_key FROM user_task_offer o ${withTask}
                  WHERE o.candidate = k.candidate${filtered} AND (k.candidate = ANY(${scopedCandidates}::text[]) OR ${visible})
                  ORDER BY o.due_at, o.created_at, o.task_key
                  LIMIT ${offset + pageSize}
               ) o
             )`,
      page: `${selectTasks} JOIN offered ON offered.task_key = t.task_key
             ORDER BY t.due_at ASC NULLS LAST, t.created_at ASC, t.task_key
             LIMIT ${pageSize} OFFSET ${offset}`,
      order: 'page.due_at ASC NULLS LAST, page.created_at ASC, page.task_key::bigint',
      key: 'task_key',
    },
    params as never,
  );
  return { items: rows.map((row) => toTask(row, now)), total };

}

/** The open tasks of one case (for the case view), whoever may act on them. */
export async function openTasksOfCase(sql: Sql, caseId: string, now: Date): Promise<InboxTask[]> {
  const { rows } = await sql.query<TaskRow>(`${selectTasks} WHERE t.business_key = $1 AND t.status = 'created' ORDER BY t.task_key`, [caseId]);
  return rows.map((row) => toTask(row, now));
}

/**
 * An open task the caller may act on; NotFound when it is unknown or outside the caller's scope, Conflict when it is
 * finished, Forbidden when it is offered to others. `lock` holds the row for an update in the caller's transaction.
 */
export async function taskForCaller(
  sql: Sql,
  principal: Principal,
  taskKey: string,
  now: Date,
  options: { lock?: boolean } = {},
): Promise<{ task: InboxTask; group: string }> {
  if (!/^\d{1,19}$/.test(taskKey)) throw new NotFound(`task ${taskKey} not found`);
  const params: unknown[] = [taskKey];
  const scope = caseScopeCondition(principal, params);
  const { rows } = await sql.query<TaskRow & { in_scope: boolean; task_status: string }>(
    `${selectTasks.replace('SELECT ', `SELECT (c.id IS NULL OR ${scope}) AS in_scope, t.status AS task_status, `)}
     WHERE t.task_key = $1::bigint${options.lock ? ' FOR UPDATE OF t' : ''}`,
    params as never,
  );
  const row = rows[0];
  if (!row || !row.in_scope) throw new NotFound(`task ${taskKey} not found`);
  if (row.task_status !== 'created') throw new Conflict(`task ${taskKey} is already ${row.task_status}`);
  const task = toTask(row, now);
  const group = actingGroup(principal, task);
  if (!group) {
    throw new Forbidden(task.assignee ? `task ${taskKey} is claimed by someone else` : `task ${taskKey} is not offered to you`);
  }
  return { task, group };
}

export async function claimTask(sql: Sql, principal: Principal, taskKey: string, now: Date): Promise<InboxTask> {
  const { task } = await taskForCaller(sql, principal, taskKey, now, { lock: true });
  if (task.assignee === principal.username) return task;
  await sql.query('UPDATE user_task SET assignee = $2 WHERE task_key = $1::bigint', [taskKey, principal.username]);
  return { ...task, assignee: principal.username };
}

export async function unclaimTask(sql: Sql, principal: Principal, taskKey: string, now: Date): Promise<InboxTask> {
  const { task } = await taskForCaller(sql, principal, taskKey, now, { lock: true });
  if (task.assignee !== principal.username) throw new Conflict(`task ${taskKey} is not claimed by you`);
  await sql.query('UPDATE user_task SET assignee = NULL WHERE task_key = $1::bigint', [taskKey]);
  return { ...task, assignee: null };
}
