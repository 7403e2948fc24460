import { afterAll, describe, expect, it } from 'vitest';
import seed, { SeedRefusedError } from '../../../prisma/seed';
import { createDb } from './index';

const db = createDb({ url: process.env.DATABASE_URL ?? '', poolMax: 2 });
afterAll(() => db.$disconnect());

describe('prisma/seed', () => {
  it('creates the demo accounts, and running it again changes nothing', async () => {
    const first = await seed(db, { NODE_ENV: 'test' });
    expect(first.logins).toEqual([
      { email: 'admin@groundwork.local', role: 'admin' },
      { email: 'user@groundwork.local', role: 'user' },
    ]);
    const snapshot = await db.user.findMany({
      where: { email: { endsWith: '@groundwork.local' } },
      orderBy: { email: 'asc' },
    });
    expect(snapshot.map((u) => [u.email, u.role, u.passwordHash])).toEqual([
      ['admin@groundwork.local', 'admin', null],
      ['user@groundwork.local', 'user', null],
    ]);

    await seed(db, { NODE_ENV: 'test' });
    const again = await db.user.findMany({
      where: { email: { endsWith: '@groundwork.local' } },
      orderBy: { email: 'asc' },
    });
    expect(again.map((u) => u.id)).toEqual(snapshot.map((u) => u.id));
  });

  it('restores the demo state if someone changed it', async () => {
    await seed(db, { NODE_ENV: 'test' });
    await db.user.update({
      where: { email: 'admin@groundwork.local' },
      data: { role: 'user', disabledAt: new Date() },
    });
    await seed(db, { NODE_ENV: 'test' });
    const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@groundwork.local' } });
    expect([admin.role, admin.disabledAt]).toEqual(['admin', null]);
  });

  it('refuses to run in production', async () => {
    await expect(seed(db, { NODE_ENV: 'production' })).rejects.toBeInstanceOf(SeedRefusedError);
  });
});
