import type { Sql } from '../ports/database.ts';
import type { NoticeRecipient } from '../ports/notifier.ts';

/**
 * The active users a notice is for: holders of the recipient's role, narrowed to its department and to one user
 * when those are given (a supervision notice for a department's heads reaches that department's heads only).
 */
export async function recipientUserIds(sql: Sql, recipient: NoticeRecipient): Promise<number[]> {
  const { rows } = await sql.query<{ id: number }>(
    `SELECT u.id FROM app_user u
      WHERE u.active
        AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = $1)
        AND ($2::text IS NULL OR u.department_id = $2)
        AND ($3::bigint IS NULL OR u.id = $3)
      ORDER BY u.id`,
    [recipient.role, recipient.departmentId ?? null, recipient.userId ?? null],
  );
  return rows.map((row) => Number(row.id));
}
