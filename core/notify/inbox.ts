import type { Sql } from '../ports/database.ts';
import { NotFound } from '../errors.ts';

export interface InAppNotification {
  id: number;
  kind: string;
  caseId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

interface NotificationRow {
  id: number;
  kind: string;
  case_id: string | null;
  title: string;
  body: string;
  created_at: Date | string;
  read_at: Date | string | null;
}

const columns = 'id, kind, case_id, title, body, created_at, read_at';

function toNotification(row: NotificationRow): InAppNotification {
  return {
    id: Number(row.id),
    kind: row.kind,
    caseId: row.case_id,
    title: row.title,
    body: row.body,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
  };
}

export interface InboxPage {
  items: InAppNotification[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** A user's notifications, unread first, newest first within each. */
export async function listNotifications(
  sql: Sql,
  userId: number,
  filter: { unreadOnly?: boolean; page: number; pageSize: number },
): Promise<InboxPage> {
  const { rows: counts } = await sql.query<{ total: number; unread: number }>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE read_at IS NULL))::int AS unread FROM notification WHERE user_id = $1`,
    [userId],
  );
  const { rows } = await sql.query<NotificationRow>(
    `SELECT ${columns} FROM notification
      WHERE user_id = $1 AND (NOT $2::boolean OR read_at IS NULL)
      ORDER BY (read_at IS NOT NULL), created_at DESC, id DESC
      LIMIT $3 OFFSET $4`,
    [userId, filter.unreadOnly ?? false, filter.pageSize, (filter.page - 1) * filter.pageSize],
  );
  const { total = 0, unread = 0 } = counts[0] ?? {};
  return { items: rows.map(toNotification), total: filter.unreadOnly ? unread : total, unread, page: filter.page, pageSize: filter.pageSize };
}

/** Marks one of the user's notifications read; reading it again keeps the first time. Another user's is NotFound. */
export async function markNotificationRead(sql: Sql, userId: number, id: number, at: Date): Promise<InAppNotification> {
  const { rows } = await sql.query<NotificationRow>(
    `UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING ${columns}`,
    [id, userId, at],
  );
  const row = rows[0];
  if (!row) throw new NotFound(`notification ${id} not found`);
  return toNotification(row);
}

/** Returns how many were unread. */
export async function markAllNotificationsRead(sql: Sql, userId: number, at: Date): Promise<number> {
  const { affectedRows } = await sql.query('UPDATE notification SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [userId, at]);
  return affectedRows;
}
