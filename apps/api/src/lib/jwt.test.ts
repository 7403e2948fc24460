import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createAccessTokens } from './jwt';

const secret = 'k'.repeat(40);
const tokens = createAccessTokens({ secret, ttlSeconds: 600 });
const input = { sub: 'u1', sid: 's1', role: 'user', amr: ['pwd'], auth_time: 1_700_000_000 };

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
};

describe('access tokens', () => {
  it('round-trips the claims with iss, aud and a TTL-long lifetime', () => {
    const claims = tokens.verify(tokens.sign(input));
    expect(claims).toMatchObject({ ...input, iss: 'groundwork-api', aud: 'groundwork' });
    expect(claims.exp - claims.iat).toBe(600);
  });

  it('refuses tokens missing a claim or with a wrong claim type', () => {
    const sign = createSigner({ key: secret, algorithm: 'HS256', iss: 'groundwork-api', aud: 'groundwork' });
    const { sid: _, ...noSid } = input;
    expect(codeOf(() => tokens.verify(sign(noSid)))).toBe('token_invalid');
    expect(codeOf(() => tokens.verify(sign({ ...input, amr: 'pwd' })))).toBe('token_invalid');
  });

  it('refuses an HS384 token made with the right key (algorithm pinned)', () => {
    const sign = createSigner({ key: secret, algorithm: 'HS384', iss: 'groundwork-api', aud: 'groundwork' });
    expect(codeOf(() => tokens.verify(sign(input)))).toBe('token_invalid');
  });

  it('caps the expiry at notAfter (an impersonation time limit), never extends it', () => {
    const now = Math.floor(Date.now() / 1000);
    const soon = tokens.verify(tokens.sign(input, new Date((now + 120) * 1000)));
    expect(soon.exp).toBe(now + 120);
    const later = tokens.verify(tokens.sign(input, new Date((now + 86_400) * 1000)));
    expect(later.exp - later.iat).toBe(600);
    expect(codeOf(() => tokens.verify(tokens.sign(input, new Date((now - 5) * 1000))))).toBe('token_expired');
  });

  it('carries the actor of an impersonation and refuses a malformed one', () => {
    const claims = tokens.verify(tokens.sign({ ...input, act: { sub: 'admin-1' } }));
    expect(claims.act).toEqual({ sub: 'admin-1' });
    const sign = createSigner({ key: secret, algorithm: 'HS256', iss: 'groundwork-api', aud: 'groundwork' });
    expect(codeOf(() => tokens.verify(sign({ ...input, act: 'admin-1' })))).toBe('token_invalid');
  });
});
