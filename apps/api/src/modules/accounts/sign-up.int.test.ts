import { uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { verifyPassword } from '../../lib/password';
import {
  comparableHeaders,
  countEvents,
  createUser,
  lastEvent,
  PASSWORD,
  post,
  signUpViaApi,
} from './accounts.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const expectProblem = (
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
) => {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code, requestId: expect.any(String) });
};

describe('POST /v1/auth/sign-up', () => {
  it('creates an unverified user with an argon2id hash, an audit row and a verification event', async () => {
    const email = uniqueEmail('signup');
    const res = await post(t, '/v1/auth/sign-up', {
      email: email.toUpperCase(),
      password: PASSWORD,
      name: 'Ada',
      locale: 'fr',
    });

    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted' });
    const user = await t.deps.db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ name: 'Ada', locale: 'fr', role: 'user', emailVerifiedAt: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(user.passwordHash as string, PASSWORD)).toBe(true);
    const event = await lastEvent(t, 'user.verification_requested', email);
    expect(event).toMatchObject({ userId: user.id, locale: 'fr', purpose: 'sign_up' });
    // Only the hash is stored; the raw token lives in the event until relayed.
    const tokens = await t.deps.db.emailToken.findMany({ where: { userId: user.id } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.tokenHash).not.toBe(event?.token);
    const audit = await t.deps.db.auditLog.findMany({ where: { targetId: user.id, action: 'auth.sign_up' } });
    expect(audit).toHaveLength(1);
  });

  it('answers an existing address identically, mails that inbox only, and changes nothing', async () => {
    const known = await createUser(t, 'existing');
    const before = await t.deps.db.user.findUniqueOrThrow({ where: { email: known.email } });
    const unknownEmail = uniqueEmail('fresh');
    const body = (email: string) => ({ email, password: 'another long passphrase 99', name: 'Mallory' });

    const a = await post(t, '/v1/auth/sign-up', body(known.email), { remoteAddress: '10.9.9.1' });
    const b = await post(t, '/v1/auth/sign-up', body(unknownEmail), { remoteAddress: '10.9.9.2' });

    expect(a.statusCode).toBe(b.statusCode);
    expect(a.body).toBe(b.body);
    expect(comparableHeaders(a)).toEqual(comparableHeaders(b));
    expect(await t.deps.db.user.findUniqueOrThrow({ where: { email: known.email } })).toEqual(before);
    expect(await countEvents(t, 'user.sign_up_existing', known.email)).toBe(1);
    expect(await countEvents(t, 'user.verification_requested', known.email)).toBe(0);
    expect(await t.deps.db.emailToken.count({ where: { userId: known.userId } })).toBe(0);
  });

  it.each([
    ['role', { role: 'admin' }],
    ['emailVerified', { emailVerified: true }],
    ['passwordHash', { passwordHash: 'x' }],
    ['__proto__', JSON.parse('{"__proto__":{"polluted":true}}')],
  ])('rejects the unknown field %s with 400 and creates nothing', async (_, extra) => {
    const email = uniqueEmail('mass');
    const res = await post(t, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'Eve', ...extra });
    expect(res.statusCode).toBe(400);
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['an array email', { email: ['a@example.test'], password: PASSWORD, name: 'A' }],
    ['an object email', { email: { contains: '' }, password: PASSWORD, name: 'A' }],
    ['a numeric password', { email: 'n@example.test', password: 123456789012345, name: 'A' }],
    ['a missing email', { password: PASSWORD, name: 'A' }],
  ])('rejects %s with 400 validation_failed', async (_, payload) => {
    expectProblem(await post(t, '/v1/auth/sign-up', payload), 400, 'validation_failed');
  });

  it('rejects a NUL byte with 400 (never a 500 from PostgreSQL)', async () => {
    const email = uniqueEmail('nul');
    const res = await post(t, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'A\u0000B' });
    expect(res.statusCode).toBe(400);
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
  });

  it.each([
    ['short', 'short pw', 'too_small'],
    ['common', 'qazwsxedcrfv', 'password_too_common'],
    ['product-name', 'my groundwork password', 'password_contains_context'],
    ['email-local-part', 'zanzibarquux forever', 'password_contains_context'],
  ])('rejects a %s password with a field error', async (_, password, code) => {
    const email = `zanzibarquux.${Date.now()}@example.test`;
    const res = await post(t, '/v1/auth/sign-up', { email, password, name: 'Zed' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'password', code })]),
    );
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
  });

  it('rejects a 1025-byte password before hashing', async () => {
    const email = uniqueEmail('long');
    const res = await post(t, '/v1/auth/sign-up', { email, password: `${'é'.repeat(512)}a`, name: 'Long' });
    expectProblem(res, 400, 'validation_failed');
    expect(await t.deps.db.user.count({ where: { email } })).toBe(0);
  });

  it('treats case and surrounding-space variants as the same account', async () => {
    const { email } = await signUpViaApi(t, 'variant');
    const res = await post(t, '/v1/auth/sign-up', {
      email: email.toUpperCase(),
      password: PASSWORD,
      name: 'Twin',
    });
    expect(res.statusCode).toBe(202);
    expect(await t.deps.db.user.count({ where: { email: { equals: email, mode: 'insensitive' } } })).toBe(1);
    expect(await countEvents(t, 'user.sign_up_existing', email)).toBe(1);
  });

  it('limits repeated sign-ups of one address (429 with Retry-After)', async () => {
    const email = uniqueEmail('flood');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(t, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'F' });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.headers['retry-after']).toBeDefined();
    }
    expect(statuses).toContain(429);
    expect(statuses[0]).toBe(202);
  });
});

describe('POST /v1/auth/verify-email', () => {
  it('verifies once, audits, and queues the welcome event; the second use is link_invalid', async () => {
    const { email, userId, token } = await signUpViaApi(t, 'verify');
    const first = await post(t, '/v1/auth/verify-email', { token });
    expect(first.statusCode).toBe(200);
    // No sign-up cookie in this request: verified, not signed in (ADR 0028).
    expect(first.json()).toEqual({ status: 'verified', purpose: 'verify_email', email, signedIn: false });
    expect(first.headers['set-cookie']).toBeUndefined();
    const user = await t.deps.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await countEvents(t, 'user.email_verified', email)).toBe(1);
    expect(
      await t.deps.db.auditLog.count({ where: { targetId: userId, action: 'auth.email_verified' } }),
    ).toBe(1);

    expectProblem(await post(t, '/v1/auth/verify-email', { token }), 400, 'link_invalid');
  });

  it('lets exactly one of 10 concurrent uses of one token succeed', async () => {
    const { email, token } = await signUpViaApi(t, 'verify-race');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(t, '/v1/auth/verify-email', { token })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 400)).toHaveLength(9);
    expect(await countEvents(t, 'user.email_verified', email)).toBe(1);
  });

  it.each([
    ['an unknown token', 'A'.repeat(43)],
    ['a too-short token', 'abc'],
  ])('rejects %s', async (_, token) => {
    const res = await post(t, '/v1/auth/verify-email', { token });
    expect(res.statusCode).toBe(400);
  });
});

describe('POST /v1/auth/verify-email/resend', () => {
  it('answers alike for unverified, verified and unknown addresses; mails only the unverified one', async () => {
    const pending = await signUpViaApi(t, 'resend');
    const verified = await createUser(t, 'resend-done');
    const answers = await Promise.all(
      [pending.email, verified.email, uniqueEmail('resend-none')].map((email) =>
        post(t, '/v1/auth/verify-email/resend', { email }),
      ),
    );
    for (const res of answers) {
      expect(res.statusCode).toBe(202);
      expect(res.body).toBe(answers[0]?.body);
      expect(comparableHeaders(res)).toEqual(comparableHeaders(answers[0] as (typeof answers)[0]));
    }
    expect(await countEvents(t, 'user.verification_requested', pending.email)).toBe(2);
    expect(await countEvents(t, 'user.verification_requested', verified.email)).toBe(0);
    // The newest link supersedes the first one.
    expectProblem(await post(t, '/v1/auth/verify-email', { token: pending.token }), 400, 'link_invalid');
    const latest = await lastEvent(t, 'user.verification_requested', pending.email);
    expect((await post(t, '/v1/auth/verify-email', { token: latest?.token })).statusCode).toBe(200);
  });
});
