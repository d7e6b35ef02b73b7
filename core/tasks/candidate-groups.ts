import type { Principal, Role } from '../identity/roles.ts';

/** Roles whose members act on user tasks; leaders and administrators watch but do not handle. */
const taskRoles: readonly Role[] = ['acceptor', 'shift-leader', 'dispatcher', 'collector', 'department', 'department-head', 'reviewer'];

/**
 * The candidate groups a caller belongs to, as diagrams name them: a role (`dispatcher`) or a department
 * (`department:<id>`, from FEEL such as `="department:" + departmentId`).
 */
export function candidateGroupsOf(principal: Principal): string[] {
  if (principal.kind !== 'user') return [];
  const groups: string[] = principal.roles.filter((role) => taskRoles.includes(role));
  if (principal.departmentId && (principal.roles.includes('department') || principal.roles.includes('department-head'))) {
    groups.push(`department:${principal.departmentId}`);
  }
  return groups;
}

export interface TaskCandidates {
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
}

/** The group through which the caller may act on a task (its role in the history), or null when it may not. */
export function actingGroup(principal: Principal, task: TaskCandidates): string | null {
  if (principal.kind !== 'user') return null;
  if (task.assignee && task.assignee !== principal.username) return null;
  if (task.candidateUsers.includes(principal.username)) return task.candidateGroups[0] ?? 'user';
  const mine = new Set(candidateGroupsOf(principal));
  return task.candidateGroups.find((group) => mine.has(group)) ?? (task.assignee === principal.username ? 'assignee' : null);
}

/** The role to record in the case history for an act through `group`. */
export function roleForGroup(principal: Principal, group: string): string {
  if (group.startsWith('department:')) return principal.roles.includes('department') ? 'department' : 'department-head';
  return group;
}
