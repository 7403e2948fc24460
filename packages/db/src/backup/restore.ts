import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrate } from '../migrate';
import { readLocalMigrations, resolveMigrationsDir } from '../migrations/local';
import { keysAgainstOrder } from './catalog';
import {
  COPY_END,
  END,
  MAGIC,
  MANIFEST_PREFIX,
  type Manifest,
  parseCopyHeader,
  quoteIdent,
  SESSION_SETUP,
} from './format';
import { dropSchemaObjects, inspectTarget } from './target';

export class RestoreError extends Error {
  override readonly name = 'RestoreError';
}

export interface RestoreOptions {
  url: string;
  file: string;
  /** Replace whatever the target database contains. */
  force?: boolean;
  migrationsDir?: string;
  log: (line: string) => void;
}

type Lines = AsyncIterator<string>;

async function nextLine(lines: Lines): Promise<string> {
  const { value, done } = await lines.next();
  if (done) throw new RestoreError('Backup file is truncated (no `-- end` trailer)');
  return value;
}

/** The backup's migrations must be exactly our first N migrations, unchanged. */
function checkMigrations(manifest: Manifest, migrationsDir: string | undefined): string {
  const local = readLocalMigrations(resolveMigrationsDir(migrationsDir));
  const last = manifest.migrations.at(-1);
  if (!last) throw new RestoreError('The backup records no applied migrations; cannot rebuild its schema');
  const prefix = local.filter((m) => m.name <= last.name);
  const expected = manifest.migrations.map((m) => `${m.name} ${m.checksum}`).join('\n');
  if (prefix.map((m) => `${m.name} ${m.checksum}`).join('\n') !== expected) {
    throw new RestoreError(
      `The backup's migrations do not match prisma/migrations (restore with the code version that made it).\nbackup:\n${expected}`,
    );
  }
  return last.name;
}

async function loadData(
  client: pg.Client,
  manifest: Manifest,
  lines: Lines,
  log: (line: string) => void,
): Promise<void> {
  const expected = new Map(manifest.tables.map((t) => [t.name, t.rows]));
  for (;;) {
    const line = await nextLine(lines);
    if (line === END) break;
    const header = parseCopyHeader(line);
    if (!header || !expected.has(header.table))
      throw new RestoreError(`Unexpected line in backup: ${line.slice(0, 120)}`);
    const sink = client.query(copyFrom(line.replace(/;$/, '')));
    for (let row = await nextLine(lines); row !== COPY_END; row = await nextLine(lines)) {
      if (!sink.write(`${row}\n`)) await once(sink, 'drain');
    }
    sink.end();
    await finished(sink);
    if (sink.rowCount !== expected.get(header.table)) {
      throw new RestoreError(
        `${header.table}: restored ${sink.rowCount} rows, the manifest says ${expected.get(header.table)}`,
      );
    }
    log(`  ${header.table}: ${sink.rowCount} rows`);
  }
  for (const seq of manifest.sequences) {
    await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
      `${quoteIdent(manifest.schema)}.${quoteIdent(seq.name)}`,
      seq.lastValue ?? '1',
      seq.isCalled,
    ]);
  }
}

/**
 * Restores a built-in backup: rebuilds the schema with the backup's own migrations,
 * loads the data in one transaction (all or nothing, row counts checked against the
 * manifest), then applies any newer migrations so data migrations run on real data.
 */
export async function builtinRestore(opts: RestoreOptions): Promise<Manifest> {
  const input = createReadStream(opts.file).pipe(createGunzip());
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const lines = rl[Symbol.asyncIterator]();
  const client = new pg.Client({ connectionString: opts.url, application_name: 'groundwork-restore' });
  try {
    if ((await nextLine(lines)) !== MAGIC) throw new RestoreError(`${opts.file} is not a Groundwork backup`);
    const manifestLine = await nextLine(lines);
    if (!manifestLine.startsWith(MANIFEST_PREFIX)) throw new RestoreError('Backup manifest missing');
    const manifest = JSON.parse(manifestLine.slice(MANIFEST_PREFIX.length)) as Manifest;
    const target = checkMigrations(manifest, opts.migrationsDir);

    await client.connect();
    const state = await inspectTarget(client, manifest.schema);
    const known = new Set(manifest.migrations.map((m) => m.name));
    const newer = state.applied.filter((name) => !known.has(name));
    if (state.tablesWithRows.length > 0 || newer.length > 0) {
      if (!opts.force) {
        const why = state.tablesWithRows.length
          ? `has data in ${state.tablesWithRows.join(', ')}`
          : `is at newer migrations (${newer.join(', ')})`;
        throw new RestoreError(
          `The target database ${why}. Restore into an empty database, or pass --force to replace it.`,
        );
      }
      opts.log('--force: dropping the existing schema objects');
      await dropSchemaObjects(client, manifest.schema);
    }

    await migrate({
      url: opts.url,
      to: target,
      migrationsDir: opts.migrationsDir,
      log: (l) => opts.log(`  migrate: ${l}`),
    });
    await client.query(SESSION_SETUP);
    await client.query('BEGIN');
    try {
      // Keys the backup's table order loads child before parent (a cycle broken at a nullable
      // key) are set aside for the load and added back after it, which checks every row.
      const table = (name: string) => `${quoteIdent(manifest.schema)}.${quoteIdent(name)}`;
      const setAside = await keysAgainstOrder(
        client,
        manifest.schema,
        manifest.tables.map((t) => t.name),
      );
      for (const k of setAside)
        await client.query(`ALTER TABLE ${table(k.child)} DROP CONSTRAINT ${quoteIdent(k.name)}`);
      await loadData(client, manifest, lines, opts.log);
      for (const k of setAside) {
        await client.query(
          `ALTER TABLE ${table(k.child)} ADD CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`,
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    const { applied } = await migrate({ url: opts.url, migrationsDir: opts.migrationsDir });
    if (applied.length) opts.log(`applied ${applied.length} newer migration(s): ${applied.join(', ')}`);
    return manifest;
  } finally {
    rl.close();
    input.destroy();
    await client.end().catch(() => {});
  }
}
