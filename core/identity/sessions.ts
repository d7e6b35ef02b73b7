import type { Sql } from '../ports/database.ts';
import { newOpaqueToken, sha256 } from './secrets.ts';

export const refreshTokenLifetimeMs = 7 * 24 * 3600 * 1000;

export async function issueRefreshToken(sql: Sql, userId: number, now: Date): Promise<string> {
  const token = newOpaqueToken('ccr');
  await sql.query('INSERT INTO refresh_token (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    sha256(token),
    userId,
    new Date(now.getTime() + refreshTokenLifetimeMs),
  ]);
  return token;
}

/**
 * Spends a refresh token: returns its user and revokes it, so each token works once (a stolen token that was
 * already used is worthless). Null when unknown, expired or revoked.
 */
export async function spendRefreshToken(sql: Sql, token: string, now: Date): Promise<number | null> {
  const { rows } = await sql.query<{ user_id: number }>(
    `UPDATE refresh_token SET revoked_at = $2
     WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2
     RETURNING user_id`,
    [sha256(token), now],
  );
  return rows[0]?.user_id ?? null;
}

export async function revokeRefreshToken(sql: Sql, token: string, now: Date): Promise<void> {
  await sql.query('UPDATE refresh_token SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [sha256(token), now]);
}

export interface LoginLimits {
  /** Failed attempts allowed per user name (and per address) inside the window. */
  maxFailures: number;
  windowMs: number;
}

export const defaultLoginLimits: LoginLimits = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** True when this user name or this address has failed too often recently. */
export async function loginBlocked(sql: Sql, username: string, ip: string, now: Date, limits = defaultLoginLimits): Promise<boolean> {
  const since = new Date(now.getTime() - limits.windowMs);
  const { rows } = await sql.query<{ by_user: number; by_ip: number }>(
    `SELECT count(*) FILTER (WHERE username = $1)::int AS by_user, count(*) FILTER (WHERE ip = $2)::int AS by_ip
     FROM login_attempt WHERE at > $3 AND (username = $1 OR ip = $2)`,
    [username, ip, since],
  );
  const counts = rows[0] ?? { by_user: 0, by_ip: 0 };
  // An address may try several user names (a shared office NAT), so it gets more room than one user name.
  return counts.by_user >= limits.maxFailures || counts.by_ip >= limits.maxFailures * 4;
}

export async function recordLoginFailure(sql: Sql, username: string, ip: string, now: Date): Promise<void> {
  await sql.query('INSERT INTO login_attempt (username, ip, at) VALUES ($1, $2, $3)', [username, ip, now]);
}

export async function clearLoginFailures(sql: Sql, username: string): Promise<void> {
  await sql.query('DELETE FROM login_attempt WHERE username = $1', [username]);
}
