import { json, type Sql } from '../../../core/ports/database.ts';
import type { UserTask } from '../../../core/ports/engine.ts';
import { toUserTask, type UserTaskRow } from '../user-task-row.ts';

/**
 * Zeebe's user tasks copied into our own `user_task` table (migration 0002, shared with the embedded engine), so
 * the inbox, its filters and its permissions are one SQL query on either engine. Rows are never deleted: an
 * ended task keeps its status, which also stops a lagging search from bringing it back as open.
 * Every write says whether it changed something, so several processes polling one cluster announce each task once.
 */

const COLUMNS = `task_key::text AS task_key, instance_key::text AS instance_key, business_key, process_id, process_version,
  element_id, name, candidate_groups, candidate_users, assignee, due_at, follow_up_at, form_id, created_at`;

export interface OpenZeebeTask {
  task: UserTask;
  /** Zeebe's element instance key: the execution the task belongs to. */
  elementInstanceKey: string;
}

/**
 * Records the open tasks Zeebe reported: new ones are inserted (and returned, to be announced), known open ones
 * take over assignee, candidates and dates changed in Zeebe (Tasklist, task listeners); ended ones stay ended.
 */
export async function recordOpenTasks(sql: Sql, open: OpenZeebeTask[]): Promise<UserTask[]> {
  const created: UserTask[] = [];
  for (const { task, elementInstanceKey } of open) {
    const { rows } = await sql.query<UserTaskRow & { inserted: boolean }>(
      `INSERT INTO user_task (task_key, instance_key, execution_id, business_key, process_id, process_version, element_id,
                              name, candidate_groups, candidate_users, assignee, due_at, follow_up_at, form_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (task_key) DO UPDATE SET
         candidate_groups = EXCLUDED.candidate_groups, candidate_users = EXCLUDED.candidate_users,
         assignee = EXCLUDED.assignee, due_at = EXCLUDED.due_at, follow_up_at = EXCLUDED.follow_up_at
       WHERE user_task.status = 'created'
       RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
      [
        task.key, task.instanceKey, elementInstanceKey, task.businessKey, task.processId, task.processVersion, task.elementId,
        task.name, json(task.candidateGroups), json(task.candidateUsers), task.assignee, task.dueAt, task.followUpAt,
        task.formId, task.createdAt,
      ],
    );
    if (rows[0]?.inserted) created.push(toUserTask(rows[0]));
  }
  return created;
}

/** Keys of tasks open in our table that Zeebe no longer lists as open: ended elsewhere, to be checked one by one. */
export async function openTaskKeysMissingFrom(sql: Sql, openKeys: ReadonlySet<string>): Promise<string[]> {
  const { rows } = await sql.query<{ task_key: string }>(`SELECT task_key::text AS task_key FROM user_task WHERE status = 'created'`);
  return rows.map((row) => row.task_key).filter((key) => !openKeys.has(key));
}

export async function findUserTask(sql: Sql, taskKey: string): Promise<(UserTask & { status: string }) | null> {
  const { rows } = await sql.query<UserTaskRow & { status: string }>(
    `SELECT ${COLUMNS}, status FROM user_task WHERE task_key = $1`,
    [taskKey],
  );
  return rows[0] ? { ...toUserTask(rows[0]), status: rows[0].status } : null;
}

/** Ends an open task; returns it when this call ended it, null when it was not open (someone else got there first). */
export async function endUserTask(
  sql: Sql,
  taskKey: string,
  status: 'completed' | 'canceled',
  completedBy: string | null,
): Promise<UserTask | null> {
  const { rows } = await sql.query<UserTaskRow>(
    `UPDATE user_task SET status = $2, ended_at = now(), completed_by = $3
      WHERE task_key = $1 AND status = 'created' RETURNING ${COLUMNS}`,
    [taskKey, status, completedBy],
  );
  return rows[0] ? toUserTask(rows[0]) : null;
}

/** Undoes a completion Zeebe refused for a passing reason, so the task can be completed again from the inbox. */
export async function reopenUserTask(sql: Sql, taskKey: string): Promise<void> {
  await sql.query(
    `UPDATE user_task SET status = 'created', ended_at = NULL, completed_by = NULL WHERE task_key = $1 AND status = 'completed'`,
    [taskKey],
  );
}
