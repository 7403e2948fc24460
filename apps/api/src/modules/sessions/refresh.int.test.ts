import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { hashToken } from '../../lib/crypto-tokens';
import { bearer, CHROME_UA, createUser, randomIp, signInWithBody } from '../auth/auth.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const refresh = (refreshToken: string, ip = randomIp()) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/auth/refresh',
    remoteAddress: ip,
    headers: { 'user-agent': CHROME_UA },
    payload: { refreshToken },
  });

/** Pretends the token was rotated long ago, past the reuse grace period (no sleeping). */
const ageRotation = (token: string) =>
  t.deps.db.refreshToken.update({
    where: { tokenHash: hashToken(token) },
    data: { rotatedAt: new Date(Date.now() - 3_600_000) },
  });

describe('refresh token rotation', () => {
  it('of 50 parallel refreshes with one token, exactly one wins and the session survives', async () => {
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    const ip = randomIp();
    const answers = await Promise.all(Array.from({ length: 50 }, () => refresh(tokens.refreshToken, ip)));

    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(49);
    for (const r of answers.filter((a) => a.statusCode === 401)) {
      expect(r.json()).toMatchObject({ code: 'token_invalid' });
    }
    const session = await t.deps.db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.revokedAt).toBeNull(); // losers within the grace period are parallel tabs
    const rows = await t.deps.db.refreshToken.findMany({ where: { sessionId: session.id } });
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.rotatedAt === null)).toHaveLength(1);

    // The winner's new token keeps working.
    const winner = answers.find((a) => a.statusCode === 200)?.json() as { tokens: { refreshToken: string } };
    expect((await refresh(winner.tokens.refreshToken)).statusCode).toBe(200);
  });

  it('slides the idle expiry and records last use', async () => {
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    const before = await t.deps.db.session.findFirstOrThrow({ where: { userId: user.id } });
    await t.deps.db.session.update({
      where: { id: before.id },
      data: { lastUsedAt: new Date(Date.now() - 60_000), idleExpiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(200);
    const after = await t.deps.db.session.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.idleExpiresAt.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
    expect(after.lastUsedAt.getTime()).toBeGreaterThan(Date.now() - 30_000);
  });

  it.each([
    ['idle', { idleExpiresAt: new Date(Date.now() - 1000) }],
    ['absolute', { expiresAt: new Date(Date.now() - 1000) }],
  ])('refuses a session past its %s lifetime', async (_, data) => {
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    await t.deps.db.session.updateMany({ where: { userId: user.id }, data });
    const res = await refresh(tokens.refreshToken);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'token_invalid' });
    // The token was not consumed by the failed attempt (the transaction rolled back).
    const row = await t.deps.db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(tokens.refreshToken) },
    });
    expect(row.rotatedAt).toBeNull();
  });

  it('refuses a disabled user', async () => {
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    await t.deps.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(401);
  });
});

describe('refresh token reuse', () => {
  it('within the grace period: 401, nothing revoked, no event', async () => {
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(200);
    const again = await refresh(tokens.refreshToken);
    expect(again.statusCode).toBe(401);
    const session = await t.deps.db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.revokedAt).toBeNull();
    expect(
      await t.deps.db.auditLog.count({ where: { action: 'auth.refresh_reuse', targetId: user.id } }),
    ).toBe(0);
  });

  it('past the grace period: the whole session is revoked, audited, and the user is told', async () => {
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    const first = await refresh(tokens.refreshToken);
    const current = first.json() as { tokens: { accessToken: string; refreshToken: string } };
    await ageRotation(tokens.refreshToken);

    // The thief replays the old token, twice in parallel: one revocation, one audit, one mail.
    const replays = await Promise.all([refresh(tokens.refreshToken), refresh(tokens.refreshToken)]);
    for (const r of replays) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'token_invalid' });
    }
    const session = await t.deps.db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.revokedReason).toBe('refresh_token_reuse');
    expect(
      await t.deps.db.auditLog.count({ where: { action: 'auth.refresh_reuse', targetId: user.id } }),
    ).toBe(1);
    const events = await t.deps.db.outboxEvent.findMany({
      where: { type: 'session.token_reused', payload: { path: ['userId'], equals: user.id } },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({ email: user.email, device: 'Chrome on Mac OS' });

    // The legitimate holder's newer tokens died with the session, access token included.
    expect((await refresh(current.tokens.refreshToken)).statusCode).toBe(401);
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me/sessions',
      headers: bearer(current.tokens.accessToken),
    });
    expect(me.statusCode).toBe(401);
  });
});
