import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { columnsOf, sequencesOf, tablesInLoadOrder } from './catalog';
import {
  COPY_END,
  copyHeader,
  END,
  MAGIC,
  MANIFEST_PREFIX,
  type Manifest,
  quoteIdent,
  SESSION_SETUP,
} from './format';

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function readManifest(client: pg.Client, schema: string): Promise<Manifest> {
  const hasHistory =
    (await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS ok")).rows[0]?.ok === true;
  const migrations = hasHistory
    ? (
        await client.query<{ name: string; checksum: string }>(
          `SELECT migration_name AS name, checksum FROM "_prisma_migrations"
           WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
        )
      ).rows
    : [];
  const tables: Manifest['tables'] = [];
  for (const name of await tablesInLoadOrder(client, schema)) {
    const columns = await columnsOf(client, schema, name);
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${quoteIdent(schema)}.${quoteIdent(name)}`,
    );
    tables.push({ name, columns, rows: Number(rows[0]?.n ?? 0) });
  }
  const sequences: Manifest['sequences'] = [];
  for (const name of await sequencesOf(client, schema)) {
    const { rows } = await client.query<{ last_value: string | null; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${quoteIdent(schema)}.${quoteIdent(name)}`,
    );
    sequences.push({ name, lastValue: rows[0]?.last_value ?? null, isCalled: rows[0]?.is_called ?? false });
  }
  const serverVersion =
    (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '';
  return { createdAt: new Date().toISOString(), serverVersion, schema, migrations, tables, sequences };
}

/**
 * Writes a consistent logical backup of `schema` to `file`: everything is read inside one
 * REPEATABLE READ transaction, so row counts and data come from the same snapshot while
 * the application keeps writing. The file appears atomically (written to `<file>.partial`).
 */
export async function builtinBackup(opts: {
  url: string;
  file: string;
  schema?: string;
  log: (line: string) => void;
}): Promise<Manifest> {
  const schema = opts.schema ?? 'public';
  const client = new pg.Client({ connectionString: opts.url, application_name: 'groundwork-backup' });
  await client.connect();
  const partial = `${opts.file}.partial`;
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(partial));
  try {
    await client.query(SESSION_SETUP);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const manifest = await readManifest(client, schema);
    await write(gzip, `${MAGIC}\n${MANIFEST_PREFIX}${JSON.stringify(manifest)}\n`);
    for (const table of manifest.tables) {
      await write(gzip, `${copyHeader(schema, table.name, table.columns)}\n`);
      const columns = table.columns.map(quoteIdent).join(', ');
      const source = client.query(
        copyTo(`COPY ${quoteIdent(schema)}.${quoteIdent(table.name)} (${columns}) TO STDOUT`),
      );
      await pipeline(source, gzip, { end: false });
      await write(gzip, `${COPY_END}\n`);
      opts.log(`  ${table.name}: ${table.rows} rows`);
    }
    await write(gzip, `${END}\n`);
    await client.query('COMMIT');
    gzip.end();
    await done;
    await rename(partial, opts.file);
    return manifest;
  } catch (error) {
    gzip.destroy();
    await done.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}
