// `pnpm db:migrate | db:migration:new <name> | db:backup <file> | db:restore <file>`.
// A script, so it reads DATABASE_URL from the environment itself (no env.ts).
import { join } from 'node:path';
import { backup, restore } from './backup';
import { migrate } from './migrate';
import { createMigration } from './migrations/create';
import { resolveMigrationsDir } from './migrations/local';

// `pnpm dev`'s embedded PostgreSQL (packages/devstack): `new` only needs a server to
// report its version, so the dev one is a sensible default.
const DEV_DATABASE_URL = 'postgresql://postgres:postgres@127.0.0.1:54320/groundwork';
const USAGE = `usage:
  db:migrate                      apply pending migrations to DATABASE_URL
  db:migration:new <name> [--empty]  write prisma/migrations/<ts>_<name> from schema.prisma changes
  db:backup <file>                 back up DATABASE_URL into <file>
  db:restore <file> [--force]      restore <file> into DATABASE_URL (must be empty unless --force)`;

const log = (line: string) => console.info(line);

function databaseUrl(fallback?: string): string {
  const url = process.env.DATABASE_URL || fallback;
  if (!url) throw new Error('DATABASE_URL is not set');
  return url;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const [arg] = rest.filter((a) => !a.startsWith('--'));
  switch (command) {
    case 'migrate': {
      const { applied } = await migrate({ url: databaseUrl(), log });
      log(applied.length ? `applied ${applied.length} migration(s)` : 'nothing to apply');
      return;
    }
    case 'new': {
      if (!arg) throw new Error(USAGE);
      const migrationsDir = resolveMigrationsDir();
      const result = await createMigration({
        name: arg,
        url: databaseUrl(DEV_DATABASE_URL),
        migrationsDir,
        schemaPath: join(migrationsDir, '..', 'schema.prisma'),
        allowEmpty: flags.has('--empty'),
      });
      if (!result.dir)
        log('schema.prisma has no changes since the latest migration (use --empty for a hand-written one)');
      else log(`created ${result.dir}/migration.sql — review it, then run pnpm db:migrate`);
      return;
    }
    case 'backup': {
      if (!arg) throw new Error(USAGE);
      await backup({ url: databaseUrl(), file: arg, log });
      return;
    }
    case 'restore': {
      if (!arg) throw new Error(USAGE);
      await restore({ url: databaseUrl(), file: arg, force: flags.has('--force'), log });
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
