import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Database } from '../../core/ports/database.ts';
import type { Clock } from '../../core/ports/clock.ts';

export const accessTokenLifetimeSeconds = 15 * 60;
const issuer = 'citycase';

export interface AccessClaims {
  userId: number;
}

export interface TokenService {
  issue(userId: number): Promise<{ accessToken: string; expiresIn: number }>;
  /** The claims of a valid token; null when forged, expired or malformed. */
  verify(token: string): Promise<AccessClaims | null>;
}

/** The HS256 key lives in the database so every process and every restart signs and checks with the same key. */
async function signingKey(db: Database): Promise<Uint8Array> {
  await db.query(`INSERT INTO app_secret (name, value) VALUES ('jwt-signing-key', $1) ON CONFLICT (name) DO NOTHING`, [
    randomBytes(32).toString('base64'),
  ]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM app_secret WHERE name = 'jwt-signing-key'`);
  return Buffer.from((rows[0] as { value: string }).value, 'base64');
}

/**
 * Tokens already verified, with their expiry: every request of a signed-in client carries the same token, and
 * checking its HMAC through WebCrypto is a tenth of a cheap request's CPU. Only valid tokens are kept (a forged one
 * is checked each time); the expiry is still checked on every use.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { userId: number; expiresAt: number }>();

  constructor(private readonly capacity: number) {}

  get(token: string, nowSeconds: number): AccessClaims | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (entry.expiresAt <= nowSeconds) {
      this.entries.delete(token);
      return null;
    }
    return { userId: entry.userId };
  }

  set(token: string, userId: number, expiresAt: number): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { userId, expiresAt });
  }
}

export async function createTokenService(db: Database, clock: Clock): Promise<TokenService> {
  const key = await signingKey(db);
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  const verified = new VerifiedTokens(10_000);
  return {
    async issue(userId) {
      const now = nowSeconds();
      const accessToken = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(userId))
        .setIssuer(issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + accessTokenLifetimeSeconds)
        .sign(key);
      return { accessToken, expiresIn: accessTokenLifetimeSeconds };
    },
    async verify(token) {
      const known = verified.get(token, nowSeconds());
      if (known) return known;
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer,
          algorithms: ['HS256'],
          currentDate: clock.now(),
        });
        const userId = Number(payload.sub);
        if (!Number.isInteger(userId) || payload.exp === undefined) return null;
        verified.set(token, userId, payload.exp);
        return { userId };
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}
