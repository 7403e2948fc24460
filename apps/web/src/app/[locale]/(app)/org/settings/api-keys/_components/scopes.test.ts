import { type ApiKey, ApiKeyScopes } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import { expiryToIso, partitionKeys, SCOPE_RESOURCES, scopeOf, withImpliedScopes } from './scopes';

describe('the create form', () => {
  it('offers every scope the API has, and only those', () => {
    const offered = SCOPE_RESOURCES.flatMap((r) => [scopeOf(r, 'read'), scopeOf(r, 'write')]);
    expect(offered.sort()).toEqual([...ApiKeyScopes].sort());
  });
});

describe('withImpliedScopes', () => {
  it('adds read for every write, in the contract order', () => {
    expect(withImpliedScopes(['members:write'])).toEqual(['members:read', 'members:write']);
    expect(withImpliedScopes(['members:write', 'organization:read'])).toEqual([
      'organization:read',
      'members:read',
      'members:write',
    ]);
  });

  it('leaves read-only selections alone and drops duplicates', () => {
    expect(withImpliedScopes(['organization:read', 'organization:read'])).toEqual(['organization:read']);
    expect(withImpliedScopes([])).toEqual([]);
  });
});

describe('expiryToIso', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('is undefined for never and for anything that is not a positive day count', () => {
    expect(expiryToIso('never', now)).toBeUndefined();
    expect(expiryToIso('', now)).toBeUndefined();
    expect(expiryToIso('-3', now)).toBeUndefined();
    expect(expiryToIso('abc', now)).toBeUndefined();
  });

  it('adds whole days to now', () => {
    expect(expiryToIso('30', now)).toBe('2026-01-31T12:00:00.000Z');
    expect(expiryToIso('365', now)).toBe('2027-01-01T12:00:00.000Z');
  });
});

describe('partitionKeys', () => {
  const key = (id: string, status: ApiKey['status']): ApiKey => ({
    id,
    name: id,
    prefix: `gwk_${id}`,
    scopes: ['organization:read'],
    status,
    createdBy: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
    replacedById: null,
  });

  it('keeps working keys apart from revoked and expired ones, in order', () => {
    const { live, dead } = partitionKeys([
      key('a', 'active'),
      key('b', 'revoked'),
      key('c', 'expiring'),
      key('d', 'expired'),
    ]);
    expect(live.map((k) => k.id)).toEqual(['a', 'c']);
    expect(dead.map((k) => k.id)).toEqual(['b', 'd']);
  });

  it('keeps the keys it is told to keep in the first list', () => {
    const { live, dead } = partitionKeys([key('a', 'active'), key('b', 'revoked')], new Set(['b']));
    expect(live.map((k) => k.id)).toEqual(['a', 'b']);
    expect(dead).toEqual([]);
  });
});
