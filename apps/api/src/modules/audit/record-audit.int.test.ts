import { randomUUID } from 'node:crypto';
import { recordAudit } from '@repo/audit';
import { uniqueEmail } from '@repo/testing';
import { describe, expect, it } from 'vitest';
import { useTestApps } from '../../app.test-support';

const app = useTestApps();
const meta = {
  ip: '203.0.113.10',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  requestId: 'rq-audit',
};

describe('recordAudit', () => {
  it('writes actor, action, target, request origin and a redacted diff', async () => {
    const { deps } = await app();
    const user = await deps.db.user.create({ data: { email: uniqueEmail(), name: 'Ada' } });
    const row = await deps.db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: user.id,
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: user.id,
        meta,
        before: { passwordHash: '$argon2id$old', name: 'Ada', sessions: [{ refreshToken: 'r1', id: 's1' }] },
        after: { passwordHash: '$argon2id$new', name: 'Ada' },
      }),
    );
    const stored = await deps.db.auditLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({
      actorId: user.id,
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId,
    });
    expect(stored.diff).toEqual({
      before: {
        passwordHash: '[redacted]',
        name: 'Ada',
        sessions: [{ refreshToken: '[redacted]', id: 's1' }],
      },
      after: { passwordHash: '[redacted]', name: 'Ada' },
    });
    expect(JSON.stringify(stored)).not.toContain('argon2id');
  });

  it('is part of the caller’s transaction: a rollback leaves no row', async () => {
    const { deps } = await app();
    const targetId = randomUUID();
    await expect(
      deps.db.$transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: null,
          action: 'auth.sign_in_failed',
          targetType: 'user',
          targetId,
          meta,
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deps.db.auditLog.count({ where: { targetId } })).toBe(0);

    await deps.db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: null,
        action: 'auth.sign_in_failed',
        targetType: 'user',
        targetId,
        meta: null,
      }),
    );
    const rows = await deps.db.auditLog.findMany({ where: { targetId } });
    expect(rows).toMatchObject([{ ip: null, userAgent: null, requestId: null, diff: null }]);
  });
});
