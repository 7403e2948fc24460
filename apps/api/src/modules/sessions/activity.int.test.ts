import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { CHROME_UA, createUser, randomIp, signInWithBody } from '../auth/auth.test-support';
import { recordActivityInTx } from './activity';

// Daily activity (user_activity_days) is what the overview's active users count.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
const activity = (userId: string) =>
  t.deps.db.userActivityDay.findMany({ where: { userId }, select: { day: true } });

describe('user activity days', () => {
  it('are written once per day by sign-in and by refresh-token rotation', async () => {
    const user = await createUser(t);
    const { tokens } = await signInWithBody(t, user.email);
    expect(await activity(user.id)).toEqual([{ day: today() }]);

    // A second sign-in the same day adds nothing.
    await signInWithBody(t, user.email);
    expect(await activity(user.id)).toHaveLength(1);

    await t.deps.db.userActivityDay.deleteMany({ where: { userId: user.id } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      remoteAddress: randomIp(),
      headers: { 'user-agent': CHROME_UA },
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(res.statusCode).toBe(200);
    expect(await activity(user.id)).toEqual([{ day: today() }]);
  });

  it('a failed write does not break the transaction it rides on', async () => {
    const user = await createUser(t);
    const warnings: unknown[] = [];
    const logger = { warn: (obj: unknown) => warnings.push(obj) } as unknown as Parameters<
      typeof recordActivityInTx
    >[3];
    await t.deps.db.$transaction(async (tx) => {
      // No such user: the foreign key refuses the row inside the transaction.
      await recordActivityInTx(tx, '00000000-0000-7000-8000-000000000000', new Date(), logger);
      await tx.user.update({ where: { id: user.id }, data: { name: 'Still Committed' } });
    });
    expect((await t.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Still Committed');
    expect(warnings).toHaveLength(1);
  });
});
