import { createHash, randomBytes } from 'node:crypto';

/** Opaque credentials (refresh tokens, API keys) are random and stored only as their sha256. */
export function newOpaqueToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
