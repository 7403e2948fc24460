import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { generateToken, hashToken } from './crypto-tokens';
import { checkPasswordPolicy, hashPassword, verifyDummy, verifyPassword } from './password';
import { commonPasswordCount } from './password-policy';

const ctx = { email: 'ada.lovelace@example.com', name: 'Ada Lovelace' };
const codes = (pw: string) => checkPasswordPolicy(pw, ctx).map((e) => e.code);

describe('checkPasswordPolicy', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(codes('correct horse battery staple')).toEqual([]);
    expect(codes('all lower case words here')).toEqual([]);
  });

  it('ships at least 10,000 common passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it.each([
    ['short', 'too_small'],
    ['elevenchars', 'too_small'],
    ['qazwsxedcrfv', 'password_too_common'],
    ['QAZwsxEDCrfv', 'password_too_common'],
    ['1q2w3e4r5t6y', 'password_too_common'],
    ['aaaaaaaaaaaaaaaa', 'password_too_common'],
    ['abcabcabcabcabc', 'password_too_common'],
    ['my groundwork password', 'password_contains_context'],
    ['GROUNDWORK-rocks-2024', 'password_contains_context'],
    ['lovelace was first 1843', 'password_contains_context'],
    ['ada.lovelace wrote code', 'password_contains_context'],
  ])('%j → %s', (pw, code) => {
    expect(codes(pw)).toEqual([code]);
  });

  it('counts characters, not UTF-16 units, and bytes for the ceiling', () => {
    expect(codes('😀'.repeat(11))).toEqual(['too_small']);
    expect(codes('😀🎉🚀🌍🔑🧪📦🛠️🐘🔥💡✅')).toEqual([]);
    expect(codes('x'.repeat(1024))).toEqual(['password_too_common']); // repetitive, but not too big
    expect(codes(`${'é'.repeat(512)}a`)).toEqual(['too_big']); // 1025 bytes
  });

  it('returns issues with path, code and message', () => {
    expect(checkPasswordPolicy('short', ctx, 'newPassword')).toEqual([
      { path: 'newPassword', code: 'too_small', message: expect.any(String) },
    ]);
  });
});

describe('argon2id hashing', () => {
  it('hashes with OWASP parameters and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false);
  });

  it('normalizes Unicode so composed and decomposed input verify alike', async () => {
    const hash = await hashPassword('caf\u00e9 au lait please');
    expect(await verifyPassword(hash, 'cafe\u0301 au lait please')).toBe(true);
  });

  it('rejects input over 1024 bytes before hashing', async () => {
    const long = 'é'.repeat(513);
    await expect(hashPassword(long)).rejects.toBeInstanceOf(AppError);
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(hash, long)).toBe(false);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
  });

  it('verifyDummy always answers false', async () => {
    expect(await verifyDummy('anything at all')).toBe(false);
  });
});

describe('crypto tokens', () => {
  it('generates 256-bit base64url tokens and hashes them with sha256', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
  });
});
