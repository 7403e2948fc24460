import { randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PATTERN, API_KEY_PREFIX, type ApiKeyScope } from '@repo/contracts';
import type { Db } from '@repo/db';
import { hashToken } from './crypto-tokens';

/** Who is calling when the credential is an organization API key (A9). */
export interface ApiKeyPrincipal {
  id: string;
  organizationId: string;
  scopes: ApiKeyScope[];
  prefix: string;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 12 base62 characters (~71 bits): unique enough to index, and only an identifier, not a secret. */
function randomPrefix(): string {
  // 248 = 4 × 62: rejection sampling keeps every character equally likely.
  let out = '';
  while (out.length < 12) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && out.length < 12) out += BASE62[byte % 62];
    }
  }
  return out;
}

export interface GeneratedApiKey {
  /** The full key, shown to the user once. */
  key: string;
  /** `gwk_<prefix>`, stored and displayed. */
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = `${API_KEY_PREFIX}${randomPrefix()}`;
  const secret = randomBytes(32).toString('base64url');
  return { key: `${prefix}_${secret}`, prefix, secretHash: hashToken(secret) };
}

/** Whether a bearer credential is shaped like an API key at all (vs. a JWT access token). */
export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}

/** The public `gwk_<12>` part of a presented key ('' when it is not shaped like one). */
export function apiKeyPrefixOf(credential: string): string {
  const match = API_KEY_PATTERN.exec(credential);
  return match ? `${API_KEY_PREFIX}${match[1]}` : '';
}

/**
 * Finds the key by its public prefix and compares the secret's hash in constant time. Unknown,
 * wrong, revoked and expired keys all return null, so the caller answers them the same way; the
 * hash is compared even when no row exists, so the timing does not tell them apart either.
 */
export async function verifyApiKey(db: Db, credential: string, now: Date): Promise<ApiKeyPrincipal | null> {
  const match = API_KEY_PATTERN.exec(credential);
  if (!match) return null;
  const prefix = `${API_KEY_PREFIX}${match[1]}`;
  const presented = Buffer.from(hashToken(match[2] as string), 'hex');
  const row = await db.apiKey.findUnique({
    where: { prefix },
    select: {
      id: true,
      organizationId: true,
      scopes: true,
      secretHash: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  const stored = Buffer.from(row?.secretHash ?? '0'.repeat(64), 'hex');
  const secretOk = stored.length === presented.length && timingSafeEqual(stored, presented);
  if (!row || !secretOk || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  return { id: row.id, organizationId: row.organizationId, scopes: row.scopes as ApiKeyScope[], prefix };
}
