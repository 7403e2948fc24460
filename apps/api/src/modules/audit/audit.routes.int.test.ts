import { randomUUID } from 'node:crypto';
import { recordAudit } from '@repo/audit';
import { uniqueEmail } from '@repo/testing';
import { describe, expect, it } from 'vitest';
import { useTestApps } from '../../app.test-support';
import type { App } from '../../types';

const app = useTestApps();
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

function bearer(a: App, userId: string) {
  const token = a.accessTokens.sign({
    sub: userId,
    sid: randomUUID(),
    role: 'user',
    amr: ['pwd'],
    auth_time: Math.floor(Date.now() / 1000),
  });
  return { authorization: `Bearer ${token}` };
}

describe('GET /v1/me/security-activity', () => {
  it('requires authentication', async () => {
    const { app: a } = await app();
    const res = await a.inject({ url: '/v1/me/security-activity' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthorized', requestId: res.headers['x-request-id'] });
  });

  it('lists only the caller’s own security events, newest first, with a device label, at most 50', async () => {
    const { app: a, deps } = await app();
    const [me, other] = await Promise.all(
      ['me', 'other'].map((name) => deps.db.user.create({ data: { email: uniqueEmail(name), name } })),
    );
    if (!me || !other) throw new Error('users not created');
    const meta = { ip: '203.0.113.20', userAgent: firefox, requestId: 'rq' };
    const t0 = Date.parse('2026-02-01T00:00:00Z');
    await deps.db.$transaction(async (tx) => {
      // As actor, as target (someone else failing to sign in), other users' and non-security rows.
      await recordAudit(
        tx,
        { actorId: me.id, action: 'auth.sign_in', targetType: 'user', targetId: me.id, meta },
        new Date(t0),
      );
      await recordAudit(
        tx,
        {
          actorId: null,
          action: 'auth.sign_in_failed',
          targetType: 'user',
          targetId: me.id,
          meta: { ...meta, userAgent: null },
        },
        new Date(t0 + 1000),
      );
      await recordAudit(
        tx,
        { actorId: me.id, action: 'session.revoked', targetType: 'session', targetId: randomUUID(), meta },
        new Date(t0 + 2000),
      );
      await recordAudit(
        tx,
        { actorId: me.id, action: 'profile.updated', targetType: 'user', targetId: me.id, meta },
        new Date(t0 + 3000),
      );
      await recordAudit(
        tx,
        { actorId: other.id, action: 'auth.sign_in', targetType: 'user', targetId: other.id, meta },
        new Date(t0 + 4000),
      );
      await recordAudit(
        tx,
        { actorId: null, action: 'auth.locked', targetType: 'user', targetId: other.id, meta },
        new Date(t0 + 5000),
      );
    });

    const res = await a.inject({ url: '/v1/me/security-activity', headers: bearer(a, me.id) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const { events } = res.json();
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'session.revoked',
      'auth.sign_in_failed',
      'auth.sign_in',
    ]);
    expect(events[0]).toEqual({
      id: expect.any(String),
      action: 'session.revoked',
      ip: '203.0.113.20',
      device: 'Firefox on Linux',
      createdAt: new Date(t0 + 2000).toISOString(),
    });
    expect(events[1].device).toBeNull();

    const more = Array.from({ length: 60 }, (_, i) => ({
      actorId: me.id,
      action: 'auth.sign_in',
      createdAt: new Date(t0 + 10_000 + i),
    }));
    await deps.db.auditLog.createMany({ data: more });
    const page = (await a.inject({ url: '/v1/me/security-activity', headers: bearer(a, me.id) })).json();
    expect(page.events).toHaveLength(50);
    expect(page.events[0].createdAt).toBe(new Date(t0 + 10_059).toISOString());
  });
});
