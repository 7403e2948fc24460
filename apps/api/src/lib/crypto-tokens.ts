import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque secrets handed to a user (emailed links, refresh tokens): 256 random bits, base64url so
 * they survive URLs and headers unescaped (43 characters, no padding).
 */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of the token. A plain SHA-256 is enough (no salt, no slow hash): the
 * input is 256 random bits, so there is nothing to brute-force, and a deterministic hash lets the
 * database find the row by a unique index in one lookup. A leaked table yields no usable token.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
