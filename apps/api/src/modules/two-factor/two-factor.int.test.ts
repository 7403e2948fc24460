import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { bearer, createUser, names, randomIp, signInWithCookies } from '../auth/auth.test-support';
import { challengeFor, enrolledUser, request, steppedClock, verify } from './two-factor.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const sessionsOf = (userId: string) => t.deps.db.session.count({ where: { userId } });
const auditOf = (userId: string, action: string) =>
  t.deps.db.auditLog.count({ where: { actorId: userId, action } });
const eventsOf = async (type: string, userId: string) =>
  (await t.deps.db.outboxEvent.findMany({ where: { type } })).filter(
    (e) => (e.payload as { userId?: string }).userId === userId,
  ).length;

describe('enrolment', () => {
  it('enrols with a QR code, confirms with a first code, and disables under sudo', async () => {
    const clock = steppedClock(t);
    const user = await createUser(t, { prefix: '2fa' });
    const ip = randomIp();
    const { jar } = await signInWithCookies(t, user.email, { ip });
    const call = request(t, jar, ip);

    const enrol = await call('POST', '/v1/me/two-factor/enrol');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl, qrSvg } = enrol.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Groundwork:/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Encrypted at rest: neither the secret nor its bytes appear in the row.
    const row = await t.deps.db.twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secretCiphertext).not.toContain(secret);
    expect(row.enabledAt).toBeNull();
    expect((await call('GET', '/v1/me/two-factor')).json()).toMatchObject({ enabled: false });

    const wrong = await call('POST', '/v1/me/two-factor/confirm', {
      code: '000000' === (await clock.code(secret)) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('two_factor_invalid');

    const confirm = await call('POST', '/v1/me/two-factor/confirm', { code: await clock.code(secret) });
    expect(confirm.statusCode).toBe(200);
    const { backupCodes } = confirm.json();
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    const stored = await t.deps.db.backupCode.findMany({ where: { userId: user.id } });
    expect(stored.map((c) => c.codeHash)).not.toContain(backupCodes[0]);
    expect(await call('GET', '/v1/me/two-factor').then((r) => r.json())).toMatchObject({
      enabled: true,
      backupCodesRemaining: 10,
      required: false,
    });
    expect(await auditOf(user.id, 'auth.two_factor_enabled')).toBe(1);
    expect(await eventsOf('user.two_factor_enabled', user.id)).toBe(1);
    // A second confirmation (the same code again) finds nothing to confirm.
    expect(
      (await call('POST', '/v1/me/two-factor/confirm', { code: await clock.code(secret) })).statusCode,
    ).toBe(409);

    const off = await call('DELETE', '/v1/me/two-factor');
    expect(off.statusCode).toBe(204);
    expect(await t.deps.db.twoFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await t.deps.db.backupCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await auditOf(user.id, 'auth.two_factor_disabled')).toBe(1);
    expect(await eventsOf('user.two_factor_disabled', user.id)).toBe(1);
    const again = await signInWithCookies(t, user.email);
    expect(again.res.json().user.id).toBe(user.id);
  });

  it('refuses enrolment and disabling outside sudo mode', async () => {
    const clock = steppedClock(t);
    const { call } = await enrolledUser(t, clock);
    // Pretend the sign-in was long ago: the token's auth_time is the app clock's.
    const user = await createUser(t, { prefix: '2fa-old' });
    t.deps.clock = { now: () => new Date(Date.now() - 3600_000) };
    const { jar } = await signInWithCookies(t, user.email);
    const old = request(t, jar, randomIp());
    expect((await old('POST', '/v1/me/two-factor/enrol')).json().code).toBe('reauth_required');
    expect((await old('DELETE', '/v1/me/two-factor')).json().code).toBe('reauth_required');
    expect((await old('POST', '/v1/me/two-factor/backup-codes')).json().code).toBe('reauth_required');
    expect((await call('DELETE', '/v1/me/two-factor')).statusCode).toBe(204);
  });
});

describe('sign-in with a second factor', () => {
  it('opens no session without the code, and the challenge token is not a credential', async () => {
    const clock = steppedClock(t);
    const { user, secret } = await enrolledUser(t, clock);
    const before = await sessionsOf(user.id);

    const { res, token } = await challengeFor(t, user.email);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ twoFactorRequired: true });
    expect(res.json().user).toBeUndefined();
    const n = names(t);
    expect(res.cookies.map((c) => c.name)).not.toContain(n.access);
    expect(res.cookies.map((c) => c.name)).not.toContain(n.refresh);
    expect(await sessionsOf(user.id)).toBe(before);
    expect(await t.deps.db.refreshToken.count({ where: { session: { userId: user.id } } })).toBe(before);

    // Neither as a Bearer token nor as the access or refresh cookie does it open anything.
    expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) })).statusCode).toBe(
      401,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/me', cookies: { [n.access]: token } })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/me/two-factor', headers: bearer(token) })).statusCode,
    ).toBe(401);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: token },
    });
    expect(refresh.statusCode).toBe(401);
    expect(await sessionsOf(user.id)).toBe(before);

    clock.advance();
    const ok = await verify(t, { challengeToken: token, code: await clock.code(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.id).toBe(user.id);
    expect(ok.cookies.map((c) => c.name)).toEqual(expect.arrayContaining([n.access, n.refresh]));
    const session = await t.deps.db.session.findFirstOrThrow({
      where: { userId: user.id },
      orderBy: { createdAt: 'desc' },
    });
    expect(session.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(await sessionsOf(user.id)).toBe(before + 1);
    // The challenge is single-use.
    clock.advance();
    const twice = await verify(t, { challengeToken: token, code: await clock.code(secret) });
    expect(twice.statusCode).toBe(401);
    expect(twice.json().code).toBe('token_invalid');
  });

  it('accepts a code once: a replay and two concurrent uses give exactly one session', async () => {
    const clock = steppedClock(t);
    const { user, secret } = await enrolledUser(t, clock);
    clock.advance();
    const code = await clock.code(secret);

    const first = await challengeFor(t, user.email);
    expect((await verify(t, { challengeToken: first.token, code })).statusCode).toBe(200);
    const replay = await challengeFor(t, user.email);
    const replayed = await verify(t, { challengeToken: replay.token, code });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().code).toBe('two_factor_invalid');

    clock.advance();
    const next = await clock.code(secret);
    const [a, b] = await Promise.all([challengeFor(t, user.email), challengeFor(t, user.email)]);
    const before = await sessionsOf(user.id);
    const results = await Promise.all([
      verify(t, { challengeToken: a.token, code: next }),
      verify(t, { challengeToken: b.token, code: next }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    expect(await sessionsOf(user.id)).toBe(before + 1);
    expect(await auditOf(user.id, 'auth.two_factor_failed')).toBe(2);
  });
});
