import type { Sql } from '../ports/database.ts';
import { NotFound } from '../errors.ts';
import type { Principal } from './roles.ts';
import { newOpaqueToken, sha256 } from './secrets.ts';

export const apiKeyChannels = ['video', 'iot', 'hotline', 'wechat', 'app', 'open311'] as const;
export type ApiKeyChannel = (typeof apiKeyChannels)[number];

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  channel: ApiKeyChannel;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  channel: ApiKeyChannel;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const toInfo = (row: ApiKeyRow): ApiKeyInfo => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  channel: row.channel,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
});

/** Creates a key; the secret is returned once and never stored. */
export async function createApiKey(
  sql: Sql,
  input: { name: string; channel: ApiKeyChannel; createdBy: number | null },
): Promise<{ key: string; info: ApiKeyInfo }> {
  const key = newOpaqueToken('cck');
  const { rows } = await sql.query<ApiKeyRow>(
    `INSERT INTO api_key (name, prefix, key_hash, channel, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, name, prefix, channel, created_at, revoked_at, last_used_at`,
    [input.name, key.slice(0, 10), sha256(key), input.channel, input.createdBy],
  );
  return { key, info: toInfo(rows[0] as ApiKeyRow) };
}

export async function listApiKeys(sql: Sql): Promise<ApiKeyInfo[]> {
  const { rows } = await sql.query<ApiKeyRow>(
    'SELECT id, name, prefix, channel, created_at, revoked_at, last_used_at FROM api_key ORDER BY id',
  );
  return rows.map(toInfo);
}

export async function revokeApiKey(sql: Sql, id: number): Promise<void> {
  const { affectedRows } = await sql.query('UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  if (affectedRows === 0) throw new NotFound(`no active API key ${id}`);
}

/** The principal a valid, unrevoked key acts as; null for anything else. */
export async function principalForApiKey(sql: Sql, key: string): Promise<Principal | null> {
  const { rows } = await sql.query<ApiKeyRow>(
    `UPDATE api_key SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL
     RETURNING id, name, prefix, channel, created_at, revoked_at, last_used_at`,
    [sha256(key)],
  );
  const row = rows[0];
  return row ? apiKeyPrincipal(row) : null;
}

/** What a key acts as: no roles, no scope but the cases it reported. */
export function apiKeyPrincipal(key: Pick<ApiKeyInfo, 'id' | 'name' | 'prefix' | 'channel'>): Principal {
  return {
    kind: 'api-key',
    id: key.id,
    username: `api-key:${key.prefix}`,
    displayName: key.name,
    roles: [],
    departmentId: null,
    gridCodes: [],
    channel: key.channel,
  };
}
