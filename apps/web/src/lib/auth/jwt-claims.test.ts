import { describe, expect, it } from 'vitest';
import { enrolmentRequired, jwtPayload } from './jwt-claims';

const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;

describe('jwt claims', () => {
  it('reads the payload and ignores garbage', () => {
    expect(jwtPayload(jwt({ sub: 'u1' }))).toEqual({ sub: 'u1' });
    expect(jwtPayload('nope')).toBeNull();
    expect(jwtPayload('a.%%%.c')).toBeNull();
    expect(jwtPayload(undefined)).toBeNull();
  });

  it('sees the mfa_required flag only when it is set', () => {
    expect(enrolmentRequired(jwt({ sub: 'u1', mfa_required: true }))).toBe(true);
    expect(enrolmentRequired(jwt({ sub: 'u1', mfa_required: false }))).toBe(false);
    expect(enrolmentRequired(jwt({ sub: 'u1' }))).toBe(false);
    expect(enrolmentRequired(undefined)).toBe(false);
  });
});
