import { describe, expect, it } from 'vitest';
import { useTestApps } from '../../app.test-support';
import { createUser, names, randomIp, signInWithCookies } from '../auth/auth.test-support';
import { trustedCookieName } from './trusted-devices';
import {
  challengeFor,
  enrolledUser,
  request,
  steppedClock,
  trustedCookie,
  verify,
} from './two-factor.test-support';

const app = useTestApps();

describe('backup codes', () => {
  it('a backup code opens exactly one session under 10 parallel uses, and regenerating voids the old set', async () => {
    const t = await app();
    const clock = steppedClock(t);
    const { user, backupCodes, call } = await enrolledUser(t, clock);
    const code = (backupCodes[0] as string).toUpperCase().replace('-', ' ');
    const challenges = await Promise.all(Array.from({ length: 10 }, () => challengeFor(t, user.email)));
    const before = await t.deps.db.session.count({ where: { userId: user.id } });

    const results = await Promise.all(
      challenges.map((c) => verify(t, { challengeToken: c.token, backupCode: code })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    // The rest are wrong-code answers, or the per-account limiter refusing the flood.
    expect(statuses.filter((s) => s !== 200).every((s) => s === 400 || s === 429)).toBe(true);
    expect(await t.deps.db.session.count({ where: { userId: user.id } })).toBe(before + 1);
    expect(await t.deps.db.backupCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
    expect(
      await t.deps.db.auditLog.count({ where: { actorId: user.id, action: 'auth.backup_code_used' } }),
    ).toBe(1);
    const events = await t.deps.db.outboxEvent.findMany({ where: { type: 'user.backup_code_used' } });
    expect(events.filter((e) => (e.payload as { userId: string }).userId === user.id)).toHaveLength(1);
    expect((await call('GET', '/v1/me/two-factor')).json().backupCodesRemaining).toBe(9);

    const regen = await call('POST', '/v1/me/two-factor/backup-codes');
    expect(regen.statusCode).toBe(200);
    expect(regen.json().backupCodes).toHaveLength(10);
    expect(regen.json().backupCodes).not.toContain(backupCodes[1]);
    expect(await t.deps.db.backupCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);
    expect(
      await t.deps.db.auditLog.count({
        where: { actorId: user.id, action: 'auth.backup_codes_regenerated' },
      }),
    ).toBe(1);
  });
});

describe('wrong-code limits', () => {
  it('voids the challenge after TWO_FACTOR_MAX_ATTEMPTS wrong codes, even for the right one', async () => {
    const t = await app({ TWO_FACTOR_MAX_ATTEMPTS: '3' });
    const clock = steppedClock(t);
    const { user, secret } = await enrolledUser(t, clock);
    clock.advance();
    const right = await clock.code(secret);
    const wrong = right === '123456' ? '654321' : '123456';
    const { token } = await challengeFor(t, user.email);
    const before = await t.deps.db.session.count({ where: { userId: user.id } });
    for (let i = 0; i < 3; i++) {
      const r = await verify(t, { challengeToken: token, code: wrong });
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('two_factor_invalid');
    }
    const late = await verify(t, { challengeToken: token, code: right });
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('token_invalid');
    expect(await t.deps.db.session.count({ where: { userId: user.id } })).toBe(before);
    expect(
      await t.deps.db.auditLog.count({ where: { actorId: user.id, action: 'auth.two_factor_failed' } }),
    ).toBe(3);
    // A new sign-in still works with the right code: the per-account budget is not exhausted yet.
    const fresh = await challengeFor(t, user.email);
    expect((await verify(t, { challengeToken: fresh.token, code: right })).statusCode).toBe(200);
  });

  it('limits wrong codes per account across challenges (signing in again gives no fresh budget)', async () => {
    const t = await app({ TWO_FACTOR_MAX_ATTEMPTS: '20' });
    const clock = steppedClock(t);
    const { user, secret } = await enrolledUser(t, clock);
    const right = await clock.code(secret, 1);
    const wrong = right === '123456' ? '654321' : '123456';
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { token } = await challengeFor(t, user.email);
      seen.push((await verify(t, { challengeToken: token, code: wrong })).statusCode);
    }
    // Past three free failures each further guess must wait: the flood is refused with 429.
    expect(seen.slice(0, 3)).toEqual([400, 400, 400]);
    expect(seen).toContain(429);
  });
});

describe('remember this device', () => {
  it('skips the second step on a trusted browser until the device is revoked', async () => {
    const t = await app();
    const clock = steppedClock(t);
    const { user, secret, call } = await enrolledUser(t, clock);
    clock.advance();
    const ip = randomIp();
    const { token } = await challengeFor(t, user.email, { ip });
    const ok = await verify(
      t,
      { challengeToken: token, code: await clock.code(secret), rememberDevice: true },
      { ip },
    );
    expect(ok.statusCode).toBe(200);
    const trusted = trustedCookie(t, ok);
    expect(trusted).toBeTruthy();
    const name = trustedCookieName(t.deps.env.COOKIE_SECURE);
    expect(ok.cookies.find((c) => c.name === name)).toMatchObject({ httpOnly: true, path: '/' });
    const cookies = { [name]: trusted as string };

    const direct = await signInWithCookies(t, user.email, { ip });
    expect(direct.res.json().twoFactorRequired).toBe(true); // no cookie: still asked
    const skip = await challengeFor(t, user.email, { ip, cookies });
    expect(skip.res.statusCode).toBe(200);
    expect(skip.res.json().user.id).toBe(user.id);
    expect(skip.res.cookies.map((c) => c.name)).toContain(names(t).access);

    const status = (await request(t, cookies, ip)('GET', '/v1/me/two-factor')).statusCode;
    expect(status).toBe(401); // the trusted cookie alone is no session either
    const list = (await call('GET', '/v1/me/two-factor')).json().trustedDevices as { id: string }[];
    expect(list).toHaveLength(1);
    expect((await call('DELETE', `/v1/me/trusted-devices/${list[0]?.id}`)).statusCode).toBe(204);
    const back = await challengeFor(t, user.email, { ip, cookies });
    expect(back.res.json().twoFactorRequired).toBe(true);
    expect(
      await t.deps.db.auditLog.count({ where: { actorId: user.id, action: 'auth.trusted_device_revoked' } }),
    ).toBe(1);
  });
});

describe('TWO_FACTOR_POLICY=admins', () => {
  it('confines an admin without 2FA to enrolment, and lifts it once enrolled', async () => {
    const t = await app({ TWO_FACTOR_POLICY: 'admins' });
    const clock = steppedClock(t);
    const admin = await createUser(t, { prefix: '2fa-admin' });
    await t.deps.db.user.update({ where: { id: admin.id }, data: { role: 'admin' } });
    const ip = randomIp();
    const { res, jar } = await signInWithCookies(t, admin.email, { ip });
    expect(res.statusCode).toBe(200);
    const call = request(t, jar, ip);
    expect((await call('GET', '/v1/me')).statusCode).toBe(200);
    const blocked = await call('GET', '/v1/me/sessions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('two_factor_enrollment_required');
    expect((await call('GET', '/v1/me/two-factor')).json()).toMatchObject({ enabled: false, required: true });
    // A refreshed token stays confined.
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      cookies: jar,
      remoteAddress: ip,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(refreshed.statusCode).toBe(200);
    const jar2 = { ...jar, ...Object.fromEntries(refreshed.cookies.map((c) => [c.name, c.value])) };
    const call2 = request(t, jar2, ip);
    expect((await call2('GET', '/v1/me/sessions')).statusCode).toBe(403);

    const { secret } = (await call2('POST', '/v1/me/two-factor/enrol')).json();
    const confirm = await call2('POST', '/v1/me/two-factor/confirm', { code: await clock.code(secret) });
    expect(confirm.statusCode).toBe(200);
    const jar3 = { ...jar2, ...Object.fromEntries(confirm.cookies.map((c) => [c.name, c.value])) };
    expect((await request(t, jar3, ip)('GET', '/v1/me/sessions')).statusCode).toBe(200);
    // Policy-required 2FA cannot be turned off.
    expect((await request(t, jar3, ip)('DELETE', '/v1/me/two-factor')).statusCode).toBe(403);

    // Regular users are not confined.
    const plain = await createUser(t, { prefix: '2fa-user' });
    const p = await signInWithCookies(t, plain.email, { ip });
    expect((await request(t, p.jar, ip)('GET', '/v1/me/sessions')).statusCode).toBe(200);
  });
});
