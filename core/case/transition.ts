import type { Sql } from '../ports/database.ts';
import { Conflict } from '../errors.ts';
import type { Actor, CaseRecord } from './case-types.ts';
import { readCase, updateCase, type CaseUpdate } from './case-store.ts';
import { appendCaseEvent, eventRecorded } from './history.ts';
import { caseStatus, type CaseStatus } from './statuses.ts';
import type { ActionInput, ApprovalInput } from './deps.ts';

export interface TransitionInput {
  caseId: string;
  /** The verb written to the history, e.g. `dispatch`, `approve-extension`. */
  action: string;
  /** Statuses the action is allowed from. */
  from: readonly CaseStatus[];
  /** The status afterwards; `null` keeps the current one (a notice, a denied request). */
  to: CaseStatus | null;
  actor: Actor;
  at: Date;
  comment?: string | null;
  attachments?: string[];
  data?: Record<string, unknown>;
  /** A job key: a second call with the same key changes nothing and returns the case as it is. */
  idempotencyKey?: string | null;
  /** Column changes (and history data) computed from the locked current case. */
  change?: (current: CaseRecord) => Promise<CaseChange> | CaseChange;
}

export type CaseChange = Pick<CaseUpdate, 'set' | 'increment'> & { data?: Record<string, unknown> };

export interface TransitionResult {
  case: CaseRecord;
  /** False when the idempotency key had been seen and nothing was written. */
  applied: boolean;
}

export function conflictWithStatus(current: CaseRecord, action: string): Conflict {
  const status = caseStatus(current.status);
  return new Conflict(`case ${current.caseNumber} is ${status.labelZh} (${status.id}): cannot ${action}`, {
    extra: { currentStatus: status.id, statusKind: status.kind, action },
  });
}

/**
 * The one way a case changes: lock it, check the current status, update the projection and append the history
 * row, all in the caller's transaction.
 */
export async function transition(sql: Sql, input: TransitionInput): Promise<TransitionResult> {
  if (input.idempotencyKey && (await eventRecorded(sql, input.caseId, input.idempotencyKey))) {
    return { case: await readCase(sql, input.caseId), applied: false };
  }
  const current = await readCase(sql, input.caseId, { forUpdate: true });
  if (!input.from.includes(current.status)) throw conflictWithStatus(current, input.action);
  const to = input.to ?? current.status;
  const { data, ...change } = input.change ? await input.change(current) : {};
  await updateCase(sql, current.id, { status: to, statusKind: caseStatus(to).kind, at: input.at, ...change });
  await appendCaseEvent(sql, {
    caseId: current.id,
    at: input.at,
    actor: input.actor,
    action: input.action,
    fromStatus: current.status,
    toStatus: to,
    comment: input.comment,
    attachments: input.attachments,
    data: { ...input.data, ...data },
    idempotencyKey: input.idempotencyKey,
  });
  return { case: await readCase(sql, current.id), applied: true };
}

/** The parts of an action's input that every history row carries. */
export function recordOf(input: ActionInput) {
  return {
    caseId: input.caseId,
    actor: input.actor,
    at: input.at,
    comment: input.comment ?? null,
    attachments: input.attachments ?? [],
    idempotencyKey: input.idempotencyKey ?? null,
  };
}

/** An approval is written as the verb when approved and `<verb>-denied` otherwise, with the decision in data. */
export function approvalRecord(input: ApprovalInput, verb: string) {
  return {
    ...recordOf(input),
    action: input.approved ? verb : `${verb}-denied`,
    data: { decision: input.approved ? 'approved' : 'denied' },
  };
}
