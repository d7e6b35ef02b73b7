import type { Sql } from '../ports/database.ts';
import { newOpaqueToken, sha256 } from '../identity/secrets.ts';

export const eventTicketLifetimeMs = 60_000;

/**
 * A browser's EventSource cannot send an Authorization header, and a bearer token in a URL ends up in logs: the
 * page trades its token for a ticket that opens one stream, once, within a minute.
 */
export async function issueEventTicket(sql: Sql, userId: number, now: Date): Promise<{ ticket: string; expiresAt: string }> {
  const ticket = newOpaqueToken('evt');
  const expiresAt = new Date(now.getTime() + eventTicketLifetimeMs);
  await sql.query('DELETE FROM event_ticket WHERE expires_at <= $1', [now]);
  await sql.query('INSERT INTO event_ticket (ticket_hash, user_id, expires_at) VALUES ($1, $2, $3)', [sha256(ticket), userId, expiresAt]);
  return { ticket, expiresAt: expiresAt.toISOString() };
}

/** The ticket's user, or null when it is unknown, used or expired. Either way it cannot be used again. */
export async function redeemEventTicket(sql: Sql, ticket: string, now: Date): Promise<number | null> {
  const { rows } = await sql.query<{ user_id: number; expires_at: Date | string }>(
    'DELETE FROM event_ticket WHERE ticket_hash = $1 RETURNING user_id, expires_at',
    [sha256(ticket)],
  );
  const row = rows[0];
  return row && new Date(row.expires_at) > now ? Number(row.user_id) : null;
}
