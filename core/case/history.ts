import { json, type Sql } from '../ports/database.ts';
import type { Actor } from './case-types.ts';

export interface CaseEventInput {
  caseId: string;
  at: Date;
  actor: Actor;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment?: string | null;
  attachments?: string[];
  data?: Record<string, unknown>;
  /** A job key or another key that makes a repeated call write nothing. */
  idempotencyKey?: string | null;
}

export interface CaseEvent {
  id: number;
  caseId: string;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  attachments: string[];
  data: Record<string, unknown>;
}

export async function appendCaseEvent(sql: Sql, event: CaseEventInput): Promise<void> {
  await sql.query(
    `INSERT INTO case_event (case_id, at, actor_id, actor_name, actor_role, action, from_status, to_status, comment,
                             attachments, data, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12)`,
    [
      event.caseId,
      event.at,
      event.actor.id ?? null,
      event.actor.name,
      event.actor.role,
      event.action,
      event.fromStatus,
      event.toStatus,
      event.comment ?? null,
      json(event.attachments ?? []),
      json(event.data ?? {}),
      event.idempotencyKey ?? null,
    ],
  );
}

/** True when an event with this idempotency key was already written for the case. */
export async function eventRecorded(sql: Sql, caseId: string, idempotencyKey: string): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM case_event WHERE case_id = $1 AND idempotency_key = $2', [caseId, idempotencyKey]);
  return rows.length > 0;
}

export async function caseHistory(sql: Sql, caseId: string): Promise<CaseEvent[]> {
  const { rows } = await sql.query<Record<string, unknown>>('SELECT * FROM case_event WHERE case_id = $1 ORDER BY id', [caseId]);
  return rows.map((row) => ({
    id: Number(row.id),
    caseId: String(row.case_id),
    at: (row.at instanceof Date ? row.at : new Date(String(row.at))).toISOString(),
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    actorName: (row.actor_name as string | null) ?? null,
    actorRole: (row.actor_role as string | null) ?? null,
    action: String(row.action),
    fromStatus: (row.from_status as string | null) ?? null,
    toStatus: (row.to_status as string | null) ?? null,
    comment: (row.comment as string | null) ?? null,
    attachments: (typeof row.attachments === 'string' ? JSON.parse(row.attachments) : row.attachments) as string[],
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
  }));
}
