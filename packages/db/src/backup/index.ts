import { open } from 'node:fs/promises';
import pg from 'pg';
import { migrate } from '../migrate';
import { builtinBackup } from './dump';
import { findPgTools, runTool } from './pg-tools';
import { builtinRestore, RestoreError } from './restore';
import { dropSchemaObjects, inspectTarget } from './target';

export type { Manifest } from './format';
export { findPgTools, parseMajor } from './pg-tools';
export { RestoreError } from './restore';

export interface BackupOptions {
  url: string;
  file: string;
  log?: (line: string) => void;
  /** 'auto' (default): pg_dump when a compatible one exists, else the built-in format. */
  method?: 'auto' | 'builtin';
}

async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0]?.v) / 10_000);
  } finally {
    await client.end();
  }
}

/** Backs up the `public` schema (ADR 0003). Returns the method used. */
export async function backup({
  url,
  file,
  log = () => {},
  method = 'auto',
}: BackupOptions): Promise<'pg_dump' | 'builtin'> {
  const tools = method === 'auto' ? await findPgTools(await serverMajor(url)) : null;
  if (tools) {
    log(`backing up with ${tools.pgDump} (custom format)`);
    await runTool(
      tools.pgDump,
      ['--format=custom', '--no-owner', '--no-acl', '--schema=public', '--file', file],
      url,
    );
    return 'pg_dump';
  }
  log(
    'backing up with the built-in format (no pg_dump matching the server version; set PG_DUMP_PATH to use one)',
  );
  await builtinBackup({ url, file, log });
  log(`wrote ${file}`);
  return 'builtin';
}

export interface RestoreOptions {
  url: string;
  file: string;
  force?: boolean;
  log?: (line: string) => void;
  migrationsDir?: string;
}

/** Restores either format (detected from the file) into `url`; refuses a database with data unless `force`. */
export async function restore({
  url,
  file,
  force = false,
  log = () => {},
  migrationsDir,
}: RestoreOptions): Promise<void> {
  const handle = await open(file, 'r');
  const head = Buffer.alloc(5);
  await handle.read(head, 0, 5, 0);
  await handle.close();
  if (head.toString('latin1') !== 'PGDMP') {
    await builtinRestore({ url, file, force, log, migrationsDir });
    log('restore complete');
    return;
  }
  const tools = await findPgTools(await serverMajor(url));
  if (!tools)
    throw new RestoreError(
      `${file} is a pg_dump archive but no pg_restore matching the server version was found (set PG_DUMP_PATH)`,
    );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const state = await inspectTarget(client, 'public');
    if (state.tablesWithRows.length && !force) {
      throw new RestoreError(
        `The target database has data in ${state.tablesWithRows.join(', ')}; pass --force to replace it.`,
      );
    }
    // The archive carries its own schema (and migration history): drop an existing, empty one.
    await dropSchemaObjects(client, 'public');
  } finally {
    await client.end();
  }
  await runTool(
    tools.pgRestore,
    ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', file],
    url,
  );
  const { applied } = await migrate({ url, migrationsDir, log });
  if (applied.length) log(`applied ${applied.length} newer migration(s)`);
  log('restore complete');
}
