import { json, type Database, type Sql } from '../ports/database.ts';
import type { Clock } from '../ports/clock.ts';
import type { Notice, Notifier, OutboxNotice } from '../ports/notifier.ts';

/** Queues a notice in the caller's transaction. Returns false when a notice with the same dedupe key exists. */
export async function enqueueNotice(sql: Sql, notice: Notice, at: Date): Promise<boolean> {
  const { affectedRows } = await sql.query(
    `INSERT INTO notification_outbox (dedupe_key, case_id, kind, recipient, payload, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $6)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [notice.dedupeKey, notice.caseId, notice.kind, json(notice.recipient), json(notice.payload), at],
  );
  return affectedRows > 0;
}

const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

export async function pendingNotices(sql: Sql, filter: { caseId?: string; id?: number } = {}): Promise<OutboxNotice[]> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT * FROM notification_outbox
     WHERE delivered_at IS NULL AND ($1::text IS NULL OR case_id = $1) AND ($2::bigint IS NULL OR id = $2) ORDER BY id`,
    [filter.caseId ?? null, filter.id ?? null],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    kind: String(row.kind),
    caseId: (row.case_id as string | null) ?? null,
    recipient: parsed(row.recipient),
    payload: parsed(row.payload),
    dedupeKey: String(row.dedupe_key),
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at))).toISOString(),
    attempts: Number(row.attempts),
  }));
}

const backoffMs = (attempts: number) => Math.min(60 * 60_000, 1000 * 2 ** attempts);

/**
 * How long a taken notice stays reserved for the process delivering it. Longer than any channel may take (a
 * webhook times out after seconds), so only a process that died mid-delivery leaves a notice to another.
 */
export const deliveryLeaseMs = 5 * 60_000;

/**
 * Delivers due notices once and reschedules failures with exponential backoff. Returns how many were delivered.
 * Each notice is first taken in a short transaction (a row lock other processes skip, then a lease), handed to
 * the channels with no transaction open, then settled: a slow receiver never holds a connection, which on PGlite
 * would stall every request.
 */
export async function deliverDueNotices(db: Database, notifier: Notifier, clock: Clock, batch = 50): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < batch; i++) {
    const notice = await takeDueNotice(db, clock);
    if (!notice) break;
    try {
      await notifier.deliver(notice, { db });
      await db.query('UPDATE notification_outbox SET delivered_at = $2 WHERE id = $1', [notice.id, clock.now()]);
      delivered++;
    } catch (error) {
      await db.query('UPDATE notification_outbox SET last_error = $2, next_attempt_at = $3 WHERE id = $1 AND delivered_at IS NULL', [
        notice.id,
        String(error instanceof Error ? error.message : error),
        new Date(clock.now().getTime() + backoffMs(notice.attempts)),
      ]);
    }
  }
  return delivered;
}

/** The next due notice, leased and counted as an attempt, so a crash during its delivery counts too. */
async function takeDueNotice(db: Database, clock: Clock): Promise<OutboxNotice | null> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const { rows } = await tx.query<{ id: number }>(
      `SELECT id FROM notification_outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1
       ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    const id = rows[0]?.id;
    if (id === undefined) return null;
    const [notice] = await pendingNotices(tx, { id: Number(id) });
    if (!notice) return null;
    await tx.query('UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = $2 WHERE id = $1', [id, new Date(now.getTime() + deliveryLeaseMs)]);
    return notice;
  });
}
