import { describe, expect, it } from 'vitest';
import { accessTokenStale, jwtExpiry } from './jwt-exp';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (payload: unknown) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.sig`;

describe('jwtExpiry', () => {
  it('reads exp from a base64url payload', () => {
    expect(jwtExpiry(token({ sub: 'u', exp: 1_900_000_000, name: 'é?>' }))).toBe(1_900_000_000);
  });

  it('returns null for missing, malformed or exp-less tokens', () => {
    expect(jwtExpiry(undefined)).toBeNull();
    expect(jwtExpiry('not-a-jwt')).toBeNull();
    expect(jwtExpiry('a.%%%.c')).toBeNull();
    expect(jwtExpiry(token({ sub: 'u' }))).toBeNull();
    expect(jwtExpiry(token({ exp: '1900000000' }))).toBeNull();
  });
});

describe('accessTokenStale', () => {
  const now = 1_800_000_000_000;
  it('is fresh well before exp and stale near or after it', () => {
    expect(accessTokenStale(token({ exp: now / 1000 + 300 }), now)).toBe(false);
    expect(accessTokenStale(token({ exp: now / 1000 + 5 }), now)).toBe(true);
    expect(accessTokenStale(token({ exp: now / 1000 - 1 }), now)).toBe(true);
    expect(accessTokenStale(undefined, now)).toBe(true);
  });
});
