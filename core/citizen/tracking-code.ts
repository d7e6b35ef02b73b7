import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be misread for one another when typed from a screen (no 0/O, 1/I/L). */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const trackingCodeLength = 10;

/** 31^10 ≈ 2^49 codes: guessing one that exists is hopeless at the rate limits the citizen routes allow. */
export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < trackingCodeLength; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/**
 * The code as stored, from what a citizen typed: case, spaces and dashes do not matter. Null for anything that
 * cannot be a code, so a lookup never reaches the database with junk.
 */
export function normaliseTrackingCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return code.length === trackingCodeLength && [...code].every((c) => alphabet.includes(c)) ? code : null;
}
