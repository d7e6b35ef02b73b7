import type { UserTask } from '../../core/ports/engine.ts';

/** The columns of the shared `user_task` inbox table (migration 0002) that make a port UserTask. */
export interface UserTaskRow {
  task_key: string | number;
  instance_key: string | number;
  business_key: string;
  process_id: string;
  process_version: number;
  element_id: string;
  name: string;
  candidate_groups: string[];
  candidate_users: string[];
  assignee: string | null;
  due_at: Date | string | null;
  follow_up_at: Date | string | null;
  form_id: string | null;
  created_at: Date | string;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** Both engines keep their user tasks in one table, so the inbox is one query whichever engine runs. */
export function toUserTask(row: UserTaskRow): UserTask {
  return {
    key: String(row.task_key),
    instanceKey: String(row.instance_key),
    businessKey: row.business_key,
    processId: row.process_id,
    processVersion: row.process_version,
    elementId: row.element_id,
    name: row.name,
    candidateGroups: row.candidate_groups,
    candidateUsers: row.candidate_users,
    assignee: row.assignee,
    dueAt: iso(row.due_at),
    followUpAt: iso(row.follow_up_at),
    formId: row.form_id,
    createdAt: iso(row.created_at) ?? '',
  };
}
