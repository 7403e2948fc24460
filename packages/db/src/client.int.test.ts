import { afterAll, describe, expect, it } from 'vitest';
import { createDb, DatabaseUnavailableError, Prisma, type Tx } from './index';

const db = createDb({ url: process.env.DATABASE_URL ?? '', poolMax: 2 });
afterAll(() => db.$disconnect());

describe('createDb', () => {
  it('generates time-ordered UUIDv7 ids', async () => {
    const a = await db.waitlistEntry.create({ data: { email: `a-${Date.now()}@example.test` } });
    const b = await db.waitlistEntry.create({ data: { email: `b-${Date.now()}@example.test` } });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id < b.id).toBe(true);
  });

  it('rejects undefined in a filter instead of treating it as "no filter" (strictUndefinedChecks)', async () => {
    const email: string | undefined = undefined;
    await expect(db.user.findMany({ where: { email } })).rejects.toThrow(/undefined/i);
    // Prisma.skip is the explicit way to leave a field out.
    await expect(db.user.findMany({ where: { email: Prisma.skip }, take: 1 })).resolves.toBeInstanceOf(Array);
  });

  it('reports an unreachable server as DatabaseUnavailableError', async () => {
    const down = createDb({ url: 'postgresql://postgres:postgres@127.0.0.1:1/none', poolMax: 1 });
    try {
      await expect(down.user.count()).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      await down.$disconnect();
    }
  });

  it('runs interactive transactions with the Tx type, rolling back on error', async () => {
    const email = `tx-${Date.now()}@example.test`;
    const insert = (tx: Tx) => tx.waitlistEntry.create({ data: { email } });
    await expect(
      db.$transaction(async (tx) => {
        await insert(tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.waitlistEntry.count({ where: { email } })).toBe(0);
    await db.$transaction(insert);
    expect(await db.waitlistEntry.count({ where: { email } })).toBe(1);
  });

  it('leaves ordinary query errors alone', async () => {
    const email = `dup-${Date.now()}@example.test`;
    await db.waitlistEntry.create({ data: { email } });
    const error = await db.waitlistEntry.create({ data: { email } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
  });
});
