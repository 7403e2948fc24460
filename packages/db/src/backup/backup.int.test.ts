import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seed from '../../../../prisma/seed';
import { createDb, Prisma } from '../index';
import { migrate } from '../migrate';
import { copyPrismaDir, serverUrl } from '../migrations/migrations.test-support';
import { withScratchDatabase } from '../migrations/scratch';
import { backup, findPgTools, RestoreError, restore } from './index';

const dir = mkdtempSync(join(tmpdir(), 'groundwork-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLES = ['users', 'organizations', 'files', 'audit_logs', 'outbox_events', 'waitlist_entries'];

/** Every row of every table, as JSON text, in a stable order. */
async function contents(url: string): Promise<Record<string, unknown[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of TABLES) {
      out[t] = (await client.query(`SELECT to_jsonb(t)::text AS row FROM "${t}" t ORDER BY id`)).rows.map(
        (r) => r.row,
      );
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Seed data plus values that stress COPY text escaping. */
async function fill(url: string): Promise<void> {
  const db = createDb({ url, poolMax: 2 });
  try {
    await seed(db, { env: { NODE_ENV: 'test' } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@groundwork.local' } });
    await db.auditLog.create({
      data: {
        actorId: admin.id,
        action: 'user.update',
        targetType: 'user',
        targetId: admin.id,
        ip: '127.0.0.1',
        userAgent: 'tab\there "quoted" back\\slash',
        diff: { before: { name: 'a\nb' }, after: { name: 'ünï 🚀', list: [1, null, true] } },
      },
    });
    await db.auditLog.create({ data: { action: 'system.boot', diff: Prisma.DbNull } });
    await db.outboxEvent.create({
      data: {
        type: 'waitlist.joined',
        payload: { email: 'x@y.z' },
        attempts: 3,
        lastError: 'line1\r\nline2\\.',
      },
    });
    await db.waitlistEntry.create({ data: { email: 'wait@example.test', locale: 'ar' } });
    // Foreign keys in a cycle: the admin's avatar is a file the admin owns, and an organization's
    // logo is a file of that organization. A restore must load them all the same.
    const avatar = await db.file.create({
      data: {
        ownerUserId: admin.id,
        purpose: 'avatar',
        status: 'ready',
        key: `u/${admin.id}/avatar`,
        name: 'me.png',
        declaredType: 'image/png',
        declaredSize: 10n,
      },
    });
    await db.user.update({ where: { id: admin.id }, data: { avatarFileId: avatar.id } });
    const org = await db.organization.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
    const logo = await db.file.create({
      data: {
        organizationId: org.id,
        ownerUserId: admin.id,
        purpose: 'org_logo',
        status: 'ready',
        key: `o/${org.id}/logo`,
        name: 'logo.png',
        declaredType: 'image/png',
        declaredSize: 10n,
      },
    });
    await db.organization.update({ where: { id: org.id }, data: { logoFileId: logo.id } });
  } finally {
    await db.$disconnect();
  }
}

describe('backup / restore (built-in format)', () => {
  let sourceUrl = '';
  let release: () => void = () => {};
  const file = join(dir, 'backup.gz');

  beforeAll(async () => {
    // A scratch source database that lives for the whole file.
    let ready: () => void = () => {};
    const readyPromise = new Promise<void>((r) => (ready = r));
    const held = new Promise<void>((r) => (release = r));
    const running = withScratchDatabase(serverUrl(), async (url) => {
      sourceUrl = url;
      await migrate({ url });
      await fill(url);
      ready();
      await held;
    });
    await Promise.race([readyPromise, running]);
    return async () => {
      release();
      await running;
    };
  });

  it('round-trips every row into a new database', async () => {
    expect(await backup({ url: sourceUrl, file, method: 'builtin' })).toBe('builtin');
    const before = await contents(sourceUrl);
    expect(before.audit_logs).toHaveLength(2);
    await withScratchDatabase(serverUrl(), async (target) => {
      await restore({ url: target, file });
      expect(await contents(target)).toEqual(before);
      // The schema came from the migrations, with history, so the database is usable as is.
      expect(await migrate({ url: target })).toEqual({ applied: [] });
    });
  });

  it('refuses a database that has data, and replaces it with --force', async () => {
    await backup({ url: sourceUrl, file, method: 'builtin' });
    await withScratchDatabase(serverUrl(), async (target) => {
      await migrate({ url: target });
      const db = createDb({ url: target, poolMax: 1 });
      await db.waitlistEntry.create({ data: { email: 'existing@example.test' } });
      await db.$disconnect();

      await expect(restore({ url: target, file })).rejects.toThrow(RestoreError);
      await expect(restore({ url: target, file })).rejects.toThrow(/has data in waitlist_entries/);
      await restore({ url: target, file, force: true });
      expect(await contents(target)).toEqual(await contents(sourceUrl));
    });
  });

  it('restores into an already-migrated empty database (as `pnpm dev` leaves it)', async () => {
    await backup({ url: sourceUrl, file, method: 'builtin' });
    await withScratchDatabase(serverUrl(), async (target) => {
      await migrate({ url: target });
      await restore({ url: target, file });
      expect(await contents(target)).toEqual(await contents(sourceUrl));
    });
  });

  it('loads an older backup at its own schema version, then applies newer migrations', async () => {
    await backup({ url: sourceUrl, file, method: 'builtin' });
    const copy = copyPrismaDir();
    try {
      const newer = join(copy.migrationsDir, '99990101000000_add_nickname');
      mkdirSync(newer);
      // A data migration: it must see the restored rows.
      writeFileSync(
        join(newer, 'migration.sql'),
        `ALTER TABLE "users" ADD COLUMN "nickname" TEXT;\nUPDATE "users" SET "nickname" = split_part(email, '@', 1);\n`,
      );
      await withScratchDatabase(serverUrl(), async (target) => {
        await restore({ url: target, file, migrationsDir: copy.migrationsDir });
        const client = new pg.Client({ connectionString: target });
        await client.connect();
        const { rows } = await client.query('SELECT nickname FROM users ORDER BY nickname');
        await client.end();
        expect(rows.map((r) => r.nickname)).toEqual(['admin', 'user']);
      });
    } finally {
      rmSync(copy.root, { recursive: true, force: true });
    }
  });

  it('rejects a truncated file without leaving partial data', async () => {
    await backup({ url: sourceUrl, file, method: 'builtin' });
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    const cut = text.slice(0, text.indexOf('COPY "public"."outbox_events"'));
    const truncated = join(dir, 'truncated.gz');
    writeFileSync(truncated, gzipSync(cut));
    await withScratchDatabase(serverUrl(), async (target) => {
      await expect(restore({ url: target, file: truncated })).rejects.toThrow(/truncated/);
      const after = await contents(target);
      expect(Object.values(after).every((rows) => rows.length === 0)).toBe(true);
    });
  });

  it('does not pick a pg_dump older than the server (Debian 12 ships 15, the embedded server is newer)', async () => {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    const major = Math.floor(
      Number((await client.query("SELECT current_setting('server_version_num') AS v")).rows[0].v) / 10_000,
    );
    await client.end();
    expect(await findPgTools(major, { PG_DUMP_PATH: '/nonexistent/pg_dump' })).toBeNull();
    expect(await findPgTools(major + 1, {})).toBeNull();
  });
});
