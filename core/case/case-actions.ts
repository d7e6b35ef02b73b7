import type { Clock } from '../ports/clock.ts';
import type { Database, Sql } from '../ports/database.ts';
import type { Variables, WorkflowEngine } from '../ports/engine.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts';
import { assertCaseInScope } from '../access/case-scope.ts';
import { hasRole, roles, type Principal, type Role } from '../identity/roles.ts';
import { actingGroup, roleForGroup } from '../tasks/candidate-groups.ts';
import { openTasksOfCase, type InboxTask } from '../tasks/inbox.ts';
import type { ActionDefinition, ActionMap } from './action-map.ts';
import type { Actor, CaseRecord } from './case-types.ts';
import { readCase } from './case-store.ts';
import { caseStatus } from './statuses.ts';
import { superviseCase } from './actions/supervise.ts';
import { urgeCase } from './actions/urge.ts';

/** Validates a user task's variables against its form (forms/form-registry.ts). */
export interface FormChecker {
  check(formId: string, variables: unknown): Record<string, unknown>;
}

export interface CaseActionDeps {
  db: Database;
  engine: WorkflowEngine;
  forms: FormChecker;
  clock: Clock;
  actions: ActionMap;
  /** The auto-dispatch suggestion for a dispatch that names no department. */
  suggestDepartment?: (sql: Sql, current: CaseRecord) => Promise<string | null>;
  /** Links uploaded attachments to the case (checks they exist and belong to the caller). */
  claimAttachments?: (sql: Sql, principal: Principal, ids: string[], caseId: string) => Promise<void>;
}

/** Escalations the command centre does by hand, outside the diagram (the deadline timer does them too). */
const manualActions: Record<string, { roles: Role[]; labelZh: string; labelEn: string }> = {
  supervise: { roles: ['shift-leader', 'dispatcher', 'leader'], labelZh: '督办', labelEn: 'Supervise' },
  urge: { roles: ['shift-leader', 'dispatcher', 'leader'], labelZh: '催办', labelEn: 'Urge' },
};

/** Every action a case may be asked for: the diagram's (through the action map) and the manual ones. */
export function allActionNames(map: ActionMap): string[] {
  return [...Object.keys(map.actions), ...Object.keys(manualActions)];
}

export interface AllowedAction {
  action: string;
  labelZh: string;
  labelEn: string;
  /** The task it completes, when it completes one. */
  taskKey?: string;
  elementId?: string;
  formId?: string;
}

/**
 * The variables one act contributes besides its form's: who acted, and a comment and attachments even when the form
 * left them out — process variables outlive the task, and the next step must not record the previous act's comment.
 */
function actVariables(principal: Principal, group: string, variables: Variables): Variables {
  return { comment: null, attachmentIds: [], ...variables, actor: actorOf(principal, roleForGroup(principal, group)) };
}

function actorOf(principal: Principal, role: string): Actor {
  return { id: principal.kind === 'user' ? principal.id : null, name: principal.displayName, role };
}

function taskCandidates(definition: ActionDefinition, tasks: InboxTask[], body: Record<string, unknown>): InboxTask[] {
  const spec = definition.task;
  if (!spec) return [];
  let candidates = tasks.filter((task) => task.formId !== null && spec.forms.includes(task.formId));
  if (spec.choose) {
    const wanted = body[spec.choose.field];
    if (wanted !== undefined) {
      const element = typeof wanted === 'string' ? spec.choose.elements[wanted] : undefined;
      if (!element) {
        throw new Invalid(`${spec.choose.field} must be one of ${Object.keys(spec.choose.elements).join(', ')}`, {
          field: spec.choose.field,
        });
      }
      candidates = candidates.filter((task) => task.elementId === element);
    }
  }
  return candidates;
}

function messagePending(definition: ActionDefinition, tasks: InboxTask[]): boolean {
  const pending = definition.message?.pendingElement;
  return pending !== undefined && tasks.some((task) => task.elementId === pending);
}

function caseIsActive(current: CaseRecord): boolean {
  const kind = caseStatus(current.status).kind;
  return kind === 'open' || kind === 'suspended';
}

/** What the caller may do to a case now: the buttons the UI shows. */
export function allowedActions(deps: Pick<CaseActionDeps, 'actions'>, principal: Principal, current: CaseRecord, tasks: InboxTask[]): AllowedAction[] {
  const allowed: AllowedAction[] = [];
  for (const [action, definition] of Object.entries(deps.actions.actions)) {
    if (definition.task) {
      for (const task of taskCandidates(definition, tasks, {})) {
        if (actingGroup(principal, task)) {
          allowed.push({ action, labelZh: definition.labelZh, labelEn: definition.labelEn, taskKey: task.key, elementId: task.elementId, formId: task.formId ?? undefined });
        }
      }
    } else if (definition.message && caseIsActive(current) && !messagePending(definition, tasks)) {
      if (hasRole(principal, ...(definition.message.roles as Role[]))) allowed.push({ action, labelZh: definition.labelZh, labelEn: definition.labelEn });
    }
  }
  if (current.departmentId && caseIsActive(current)) {
    for (const [action, manual] of Object.entries(manualActions)) {
      if (hasRole(principal, ...manual.roles)) allowed.push({ action, labelZh: manual.labelZh, labelEn: manual.labelEn });
    }
  }
  return allowed;
}

const actionLabelZh = (deps: CaseActionDeps, action: string) => deps.actions.actions[action]?.labelZh ?? manualActions[action]?.labelZh ?? action;

function needsRole(deps: CaseActionDeps, action: string, allowed: Role[]): Forbidden {
  return new Forbidden(`${action} needs one of the roles: ${allowed.join(', ')}`, {
    detailZh: `“${actionLabelZh(deps, action)}”需由${allowed.map((role) => roles[role].zh).join('、')}办理`,
  });
}

async function wrongState(deps: CaseActionDeps, principal: Principal, current: CaseRecord, action: string): Promise<Conflict> {
  const status = caseStatus(current.status);
  const tasks = await openTasksOfCase(deps.db, current.id, deps.clock.now());
  const allowed = [...new Set(allowedActions(deps, principal, current, tasks).map((a) => a.action))];
  return new Conflict(`case ${current.caseNumber} is ${status.labelZh} (${status.id}): "${action}" is not possible now`, {
    detailZh: `案件 ${current.caseNumber} 当前为“${status.labelZh}”，现在不能${actionLabelZh(deps, action)}`,
    extra: { currentStatus: status.id, statusKind: status.kind, allowedActions: allowed },
  });
}

/** Maps an Invalid about a renamed variable back to the field the caller sent. */
function inCallerTerms(error: unknown, rename: Record<string, string>): unknown {
  if (!(error instanceof Invalid) || !error.field) return error;
  const original = Object.entries(rename).find(([, variable]) => error.field === variable || error.field?.startsWith(`${variable}.`));
  if (!original) return error;
  const field = original[0] + error.field.slice(original[1].length);
  return new Invalid(error.message.replaceAll(original[1], original[0]), { field, detailZh: error.detailZh?.replaceAll(original[1], original[0]) });
}

/**
 * Performs an action on a case: completes the matching open user task through the engine, publishes the matching
 * message, or (supervise, urge) records the escalation. The diagram decides what follows. Wrong role → Forbidden,
 * wrong state → Conflict naming the current status and the allowed actions.
 */
export async function performCaseAction(
  deps: CaseActionDeps,
  principal: Principal,
  caseId: string,
  action: string,
  body: Record<string, unknown>,
): Promise<void> {
  await assertCaseInScope(deps.db, principal, caseId);
  const current = await readCase(deps.db, caseId);
  const now = deps.clock.now();
  const comment = typeof body.comment === 'string' ? body.comment : null;

  const manual = manualActions[action];
  if (manual) {
    if (!hasRole(principal, ...manual.roles)) throw needsRole(deps, action, manual.roles);
    if (!current.departmentId || !caseIsActive(current)) throw await wrongState(deps, principal, current, action);
    const role = manual.roles.find((r) => principal.roles.includes(r)) as Role;
    const input = { caseId, actor: actorOf(principal, role), at: now, comment };
    await deps.db.transaction((sql) => (action === 'supervise' ? superviseCase(sql, input) : urgeCase(sql, input)));
    return;
  }

  const definition = deps.actions.actions[action];
  if (!definition) throw new NotFound(`unknown action "${action}"`);
  const tasks = await openTasksOfCase(deps.db, caseId, now);

  if (definition.message) {
    const roles = definition.message.roles as Role[];
    if (!hasRole(principal, ...roles)) throw needsRole(deps, action, roles);
    if (!caseIsActive(current)) throw await wrongState(deps, principal, current, action);
    if (messagePending(definition, tasks)) throw new Conflict(`case ${current.caseNumber}: ${action} is already waiting for approval`);
    const role = roles.find((r) => principal.roles.includes(r)) as string;
    await deps.engine.publishMessage({
      name: definition.message.name,
      correlationKey: caseId,
      variables: { actor: actorOf(principal, role), comment },
    });
    return;
  }

  const spec = definition.task as NonNullable<ActionDefinition['task']>;
  const candidates = taskCandidates(definition, tasks, body);
  const mine = candidates.map((task) => ({ task, group: actingGroup(principal, task) })).filter((c) => c.group !== null);
  const chosen = mine[0];
  if (!chosen) {
    if (candidates.length > 0) {
      const offeredTo = [...new Set(candidates.flatMap((task) => task.assignee ? [`assignee ${task.assignee}`] : task.candidateGroups))];
      throw new Forbidden(`"${action}" on this case is for ${offeredTo.join(', ')}`, { detailZh: `此案件的“${actionLabelZh(deps, action)}”由其他人员或部门办理` });
    }
    throw await wrongState(deps, principal, current, action);
  }
  const { task } = chosen;
  const group = chosen.group as string;

  const rename = spec.rename ?? {};
  const variables: Variables = {};
  for (const [field, value] of Object.entries(body)) {
    if (field === spec.choose?.field) continue;
    variables[rename[field] ?? field] = value;
  }
  Object.assign(variables, spec.set ?? {});
  if (task.formId === 'dispatch' && variables.departmentId === undefined && deps.suggestDepartment) {
    const suggested = await deps.suggestDepartment(deps.db, current);
    if (!suggested) {
      throw new Invalid('no auto-dispatch rule gives a unique department for this case: name departmentId', {
        field: 'departmentId',
        detailZh: '没有派遣规则能为此案件确定唯一的处置部门，请指定部门',
      });
    }
    variables.departmentId = suggested;
  }
  try {
    deps.forms.check(task.formId as string, variables);
  } catch (error) {
    throw inCallerTerms(error, rename);
  }
  const attachmentIds = Array.isArray(variables.attachmentIds) ? (variables.attachmentIds as string[]) : [];
  await deps.engine.completeUserTask(
    task.key,
    actVariables(principal, group, variables),
    {
      completedBy: principal.username,
      within: attachmentIds.length && deps.claimAttachments
        ? (sql) => (deps.claimAttachments as NonNullable<CaseActionDeps['claimAttachments']>)(sql, principal, attachmentIds, caseId)
        : undefined,
    },
  );
}

/** Completes one inbox task with its form's variables (the generic path for diagrams the action map does not cover). */
export async function completeTask(
  deps: Pick<CaseActionDeps, 'engine' | 'forms'>,
  principal: Principal,
  task: InboxTask,
  group: string,
  variables: Record<string, unknown>,
): Promise<void> {
  if (task.formId) deps.forms.check(task.formId, variables);
  await deps.engine.completeUserTask(task.key, actVariables(principal, group, variables), { completedBy: principal.username });
}
