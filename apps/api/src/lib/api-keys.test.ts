import { API_KEY_PATTERN } from '@repo/contracts';
import type { Db } from '@repo/db';
import { describe, expect, it, vi } from 'vitest';
import { generateApiKey, looksLikeApiKey, verifyApiKey } from './api-keys';
import { hashToken } from './crypto-tokens';

const NOW = new Date('2026-06-01T12:00:00Z');

/** A Db whose only table is one api_keys row (or none), recording the prefixes looked up. */
function fakeDb(row: Record<string, unknown> | null) {
  const findUnique = vi.fn(async (_args: { where: { prefix: string } }) => row);
  return { db: { apiKey: { findUnique } } as unknown as Db, findUnique };
}

function rowFor(generated: ReturnType<typeof generateApiKey>, extra: Record<string, unknown> = {}) {
  return {
    id: '0192f3a0-0000-7000-8000-000000000001',
    organizationId: '0192f3a0-0000-7000-8000-000000000002',
    scopes: ['organization:read'],
    secretHash: generated.secretHash,
    expiresAt: null,
    revokedAt: null,
    ...extra,
  };
}

describe('generateApiKey', () => {
  it('produces gwk_<12 base62>_<43 base64url> keys that match the published pattern', () => {
    for (let i = 0; i < 200; i++) {
      const { key, prefix } = generateApiKey();
      const match = API_KEY_PATTERN.exec(key);
      expect(match, key).not.toBeNull();
      expect(prefix).toMatch(/^gwk_[A-Za-z0-9]{12}$/);
      expect(key.startsWith(`${prefix}_`)).toBe(true);
      expect(key).toHaveLength(4 + 12 + 1 + 43);
    }
  });

  it('stores only the SHA-256 of the secret part, never the key or the secret', () => {
    const { key, prefix, secretHash } = generateApiKey();
    const secret = key.slice(prefix.length + 1);
    expect(secretHash).toBe(hashToken(secret));
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).not.toContain(secret);
  });

  it('never repeats a prefix or a secret', () => {
    const keys = Array.from({ length: 1000 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(1000);
    expect(new Set(keys.map((k) => k.secretHash)).size).toBe(1000);
  });
});

describe('looksLikeApiKey', () => {
  it('recognises the gwk_ prefix only (JWTs and other tokens are not keys)', () => {
    expect(looksLikeApiKey(generateApiKey().key)).toBe(true);
    expect(looksLikeApiKey('gwk_')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
    expect(looksLikeApiKey('GWK_abc')).toBe(false);
    expect(looksLikeApiKey('')).toBe(false);
  });
});

describe('verifyApiKey', () => {
  it('returns the principal for the right secret of a live key', async () => {
    const generated = generateApiKey();
    const { db, findUnique } = fakeDb(rowFor(generated, { expiresAt: new Date(NOW.getTime() + 1000) }));
    const principal = await verifyApiKey(db, generated.key, NOW);
    expect(principal).toEqual({
      id: '0192f3a0-0000-7000-8000-000000000001',
      organizationId: '0192f3a0-0000-7000-8000-000000000002',
      scopes: ['organization:read'],
      prefix: generated.prefix,
    });
    expect(findUnique.mock.calls[0]?.[0].where).toEqual({ prefix: generated.prefix });
  });

  it('refuses a wrong secret, a revoked key, an expired key and an unknown prefix alike', async () => {
    const generated = generateApiKey();
    const other = generateApiKey();
    const wrongSecret = `${generated.prefix}_${other.key.slice(other.prefix.length + 1)}`;
    expect(await verifyApiKey(fakeDb(rowFor(generated)).db, wrongSecret, NOW)).toBeNull();
    expect(
      await verifyApiKey(fakeDb(rowFor(generated, { revokedAt: NOW })).db, generated.key, NOW),
    ).toBeNull();
    // Expiry is exclusive: at expiresAt the key is already dead.
    expect(
      await verifyApiKey(fakeDb(rowFor(generated, { expiresAt: NOW })).db, generated.key, NOW),
    ).toBeNull();
    expect(await verifyApiKey(fakeDb(null).db, generated.key, NOW)).toBeNull();
  });

  it('refuses malformed keys without touching the database', async () => {
    const { key } = generateApiKey();
    const { db, findUnique } = fakeDb(null);
    for (const bad of [
      'gwk_',
      'gwk_short_secret',
      `${key}x`,
      key.slice(0, -1),
      key.replace('_', '-'),
      ` ${key}`,
    ]) {
      expect(await verifyApiKey(db, bad, NOW), bad).toBeNull();
    }
    expect(findUnique).not.toHaveBeenCalled();
  });
});
