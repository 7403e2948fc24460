import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogSnapshot } from './catalog';
import { createMigration } from './create';
import { checkDrift } from './drift';
import { copyPrismaDir, repoMigrationsDir, repoSchemaPath, serverUrl } from './migrations.test-support';
import { withScratchDatabase } from './scratch';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function withNicknameColumn(schemaPath: string): void {
  const schema = readFileSync(schemaPath, 'utf8');
  const changed = schema.replace(/(model User \{\n)/, '$1  nickname String?\n');
  if (changed === schema) throw new Error('could not edit the User model');
  writeFileSync(schemaPath, changed);
}

// Each check builds scratch databases and runs the diff engine a few times (~1–2 s per run).
describe('schema.prisma ↔ migrations drift', { timeout: 90_000 }, () => {
  it('has none: committed migrations build exactly the database schema.prisma describes', async () => {
    const report = await checkDrift({
      url: serverUrl(),
      schemaPath: repoSchemaPath,
      migrationsDir: repoMigrationsDir,
    });
    expect(report.drift, `Run \`pnpm db:migration:new <name>\`.\n${report.drift}`).toBe('');
    expect(
      report.pendingSql,
      'schema.prisma changed since the last migration: run `pnpm db:migration:new <name>`',
    ).toBe('');
  });

  it('detects a schema change that has no migration', async () => {
    const copy = copyPrismaDir();
    temps.push(copy.root);
    withNicknameColumn(copy.schemaPath);
    const report = await checkDrift({ url: serverUrl(), ...copy });
    expect(report.drift).toContain('only in schema.prisma: column users.nickname text null');
    expect(report.pendingSql).toMatch(/ALTER TABLE "users" ADD COLUMN\s+"nickname" TEXT/);
  });

  it('detects migration SQL that schema.prisma does not describe', async () => {
    const copy = copyPrismaDir();
    temps.push(copy.root);
    const init = readdirSync(copy.migrationsDir).find((n) => n.endsWith('_init')) ?? '';
    const file = join(copy.migrationsDir, init, 'migration.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nCREATE INDEX "users_name_idx" ON "users"("name");\n`);
    const report = await checkDrift({ url: serverUrl(), ...copy });
    expect(report.drift).toContain('only in migrations:   index CREATE INDEX users_name_idx');
  });

  it('db:migration:new writes the migration that closes the gap', async () => {
    const copy = copyPrismaDir();
    temps.push(copy.root);
    withNicknameColumn(copy.schemaPath);
    const created = await createMigration({
      name: 'Add nickname!',
      url: serverUrl(),
      ...copy,
      now: new Date('2099-01-02T03:04:05Z'),
    });
    expect(created.dir).toBe(join(copy.migrationsDir, '20990102030405_add_nickname'));
    expect(created.sql).toMatch(/ALTER TABLE "users" ADD COLUMN\s+"nickname" TEXT;/);
    expect(readFileSync(join(copy.migrationsDir, 'schema-snapshot.prisma.txt'), 'utf8')).toBe(
      readFileSync(copy.schemaPath, 'utf8'),
    );

    const report = await checkDrift({ url: serverUrl(), ...copy });
    expect(report).toEqual({ drift: '', pendingSql: '' });
    // Nothing left to generate.
    expect((await createMigration({ name: 'again', url: serverUrl(), ...copy })).dir).toBeNull();
  });

  it('ignores column order (ALTER TABLE appends, CREATE TABLE follows the schema)', async () => {
    const snapshots = await Promise.all(
      ['CREATE TABLE t (a int, b text);', 'CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b text;'].map(
        (sql) =>
          withScratchDatabase(serverUrl(), async (url) => {
            const pg = await import('pg');
            const client = new pg.default.Client({ connectionString: url });
            await client.connect();
            await client.query(sql);
            await client.end();
            return catalogSnapshot(url);
          }),
      ),
    );
    expect(snapshots[0]).toEqual(snapshots[1]);
  });
});
