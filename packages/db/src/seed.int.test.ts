import { verify } from '@node-rs/argon2';
import { afterAll, describe, expect, it } from 'vitest';
import seed, { SeedRefusedError } from '../../../prisma/seed';
import { createDb } from './index';

const db = createDb({ url: process.env.DATABASE_URL ?? '', poolMax: 2 });
afterAll(() => db.$disconnect());
const test = { NODE_ENV: 'test' };
const demoUsers = () =>
  db.user.findMany({ where: { email: { endsWith: '@groundwork.local' } }, orderBy: { email: 'asc' } });

describe('prisma/seed', () => {
  it('creates the demo accounts with argon2id hashes of the returned passwords', async () => {
    const { logins } = await seed(db, { env: test });
    expect(logins.map(({ email, role }) => [email, role])).toEqual([
      ['admin@groundwork.local', 'admin'],
      ['user@groundwork.local', 'user'],
    ]);
    const users = await demoUsers();
    for (const [i, user] of users.entries()) {
      const login = logins[i]!;
      expect(login.password).toMatch(/^[A-Za-z2-9]{16}$/);
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(user.passwordHash!, login.password)).toBe(true);
    }
    expect(logins[0]!.password).not.toBe(logins[1]!.password);
  });

  it('keeps given passwords and rows: running it again changes nothing', async () => {
    const first = await seed(db, { env: test });
    const passwords = Object.fromEntries(first.logins.map((l) => [l.email, l.password]));
    const before = await demoUsers();
    const second = await seed(db, { env: test, passwords });
    expect(second.logins).toEqual(first.logins);
    const after = await demoUsers();
    expect(after.map((u) => [u.id, u.passwordHash])).toEqual(before.map((u) => [u.id, u.passwordHash]));
  });

  it('restores the demo state if someone changed it', async () => {
    const { logins } = await seed(db, { env: test });
    const passwords = Object.fromEntries(logins.map((l) => [l.email, l.password]));
    await db.user.update({
      where: { email: 'admin@groundwork.local' },
      data: { role: 'user', disabledAt: new Date(), passwordHash: null },
    });
    await seed(db, { env: test, passwords });
    const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@groundwork.local' } });
    expect([admin.role, admin.disabledAt]).toEqual(['admin', null]);
    expect(await verify(admin.passwordHash!, passwords['admin@groundwork.local']!)).toBe(true);
  });

  it('refuses to run in production', async () => {
    await expect(seed(db, { env: { NODE_ENV: 'production' } })).rejects.toBeInstanceOf(SeedRefusedError);
  });
});
