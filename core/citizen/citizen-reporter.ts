import type { Sql } from '../ports/database.ts';
import { Forbidden, Invalid } from '../errors.ts';
import { apiKeyPrincipal, type ApiKeyChannel } from '../identity/api-keys.ts';
import { hasRole, type Principal } from '../identity/roles.ts';
import { sha256 } from '../identity/secrets.ts';

/** Who sends a report from the citizen page: a signed-in citizen, or someone without an account. */
export interface CitizenReporter {
  /** Whom the case and its photos belong to: the citizen's account, or the anonymous channel. */
  principal: Principal;
  /** The account points go to; null for anonymous reports. */
  userId: number | null;
  /** sha256 of the id the page keeps in the phone's storage; the id itself is never stored. */
  deviceHash: string | null;
  ip: string;
}

/** The migration's key row for the anonymous channel (0012_citizen.sql). */
const anonymousKeyHash = 'unusable:citizen-web';

const devicePattern = /^[A-Za-z0-9_-]{16,100}$/;

/**
 * A signed-in citizen reports on their account; anyone else (no token, or a staff member trying the page) reports
 * anonymously, which needs the device id the page generates: limits and duplicate suppression count by it.
 */
export async function citizenReporter(sql: Sql, caller: Principal | undefined, deviceId: string | undefined, ip: string): Promise<CitizenReporter> {
  if (deviceId !== undefined && !devicePattern.test(deviceId)) {
    throw new Invalid('the X-Device-Id header must be 16 to 100 letters, digits, "-" or "_"', { field: 'X-Device-Id' });
  }
  const deviceHash = deviceId === undefined ? null : sha256(deviceId);
  if (caller?.kind === 'user' && hasRole(caller, 'citizen')) return { principal: caller, userId: caller.id, deviceHash, ip };
  if (!deviceHash) throw new Invalid('an anonymous report needs the X-Device-Id header the report page sends', { field: 'X-Device-Id' });
  const { rows } = await sql.query<{ id: string | number; name: string; prefix: string; channel: ApiKeyChannel; revoked_at: Date | null }>(
    'SELECT id, name, prefix, channel, revoked_at FROM api_key WHERE key_hash = $1',
    [anonymousKeyHash],
  );
  const key = rows[0];
  if (!key) throw new Error('the anonymous citizen channel is missing: run the migrations');
  if (key.revoked_at) throw new Forbidden('anonymous reporting is switched off here: sign in as a citizen to report');
  return { principal: apiKeyPrincipal({ ...key, id: Number(key.id) }), userId: null, deviceHash, ip };
}
