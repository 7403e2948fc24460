import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyFromBase64, open, seal } from './secret-box';

const key = randomBytes(32);

describe('secret-box', () => {
  it('round-trips, with a fresh nonce each time', () => {
    const a = seal(key, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'totp:u1');
    const b = seal(key, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'totp:u1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DP');
    expect(open(key, a, 'totp:u1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  it('refuses another key, another context (row) and any tampering', () => {
    const sealed = seal(key, 'secret', 'totp:u1');
    expect(() => open(randomBytes(32), sealed, 'totp:u1')).toThrow();
    expect(() => open(key, sealed, 'totp:u2')).toThrow();
    const [v, n, t, c] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(c, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => open(key, [v, n, t, flipped.toString('base64url')].join('.'), 'totp:u1')).toThrow();
    expect(() => open(key, 'v0.a.b.c', 'totp:u1')).toThrow(/format/);
  });

  it('accepts only 32-byte keys', () => {
    expect(keyFromBase64(randomBytes(32).toString('base64url'))).toHaveLength(32);
    expect(() => keyFromBase64(randomBytes(16).toString('base64'))).toThrow();
  });
});
