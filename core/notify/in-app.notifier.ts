import type { Sql } from '../ports/database.ts';
import type { Notifier, OutboxNotice } from '../ports/notifier.ts';
import type { LiveEvent } from '../live/live-event.ts';
import { noticeText } from './notice-text.ts';
import { recipientUserIds } from './recipients.ts';

export interface InAppNotifierDeps {
  /** Tells the recipients' open streams, once the delivery commits. */
  publish(sql: Sql, events: LiveEvent[]): Promise<void>;
}

/**
 * Puts a notice in the in-app inbox of each person it is for. A notice nobody can receive yet (no active holder
 * of the role in that department) fails, so it stays in the outbox, visible with its error, and reaches the
 * first person given that role.
 */
export function createInAppNotifier(deps: InAppNotifierDeps): Notifier {
  return {
    async deliver(notice, { db }) {
      await db.transaction((sql) => putInInboxes(sql, notice, deps));
    },
  };
}

async function putInInboxes(sql: Sql, notice: OutboxNotice, deps: InAppNotifierDeps): Promise<void> {
  const userIds = await recipientUserIds(sql, notice.recipient);
  if (userIds.length === 0) {
    const where = notice.recipient.departmentId ? ` in department ${notice.recipient.departmentId}` : '';
    throw new Error(`no active user with role ${notice.recipient.role}${where} to notify`);
  }
  const { title, body } = noticeText(notice);
  // A retry after another channel failed finds the rows already there and adds none.
  const { rows } = await sql.query<{ id: number; user_id: number; created_at: Date | string }>(
    `INSERT INTO notification (outbox_id, user_id, kind, case_id, title, body, created_at)
     SELECT $1, user_id, $3, $4, $5, $6, $7 FROM unnest($2::bigint[]) AS user_id
     ON CONFLICT (outbox_id, user_id) DO NOTHING
     RETURNING id, user_id, created_at`,
    [notice.id, userIds, notice.kind, notice.caseId, title, body, notice.createdAt],
  );
  await deps.publish(
    sql,
    rows.map((row) => ({
      type: 'notification',
      userId: Number(row.user_id),
      notification: { id: Number(row.id), kind: notice.kind, caseId: notice.caseId, title, createdAt: new Date(row.created_at).toISOString() },
    })),
  );
}
