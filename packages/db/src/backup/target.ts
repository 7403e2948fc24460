import type pg from 'pg';
import { tablesInLoadOrder } from './catalog';
import { quoteIdent } from './format';

export interface TargetState {
  tablesWithRows: string[];
  applied: string[];
}

export async function inspectTarget(client: pg.Client, schema: string): Promise<TargetState> {
  const tablesWithRows: string[] = [];
  for (const table of await tablesInLoadOrder(client, schema)) {
    const { rowCount } = await client.query(
      `SELECT 1 FROM ${quoteIdent(schema)}.${quoteIdent(table)} LIMIT 1`,
    );
    if (rowCount) tablesWithRows.push(table);
  }
  const history = (
    await client.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [
      `${quoteIdent(schema)}."_prisma_migrations"`,
    ])
  ).rows[0]?.ok;
  const applied = history
    ? (
        await client.query<{ name: string }>(
          `SELECT migration_name AS name FROM ${quoteIdent(schema)}."_prisma_migrations"
           WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
      ).rows.map((r) => r.name)
    : [];
  return { tablesWithRows, applied };
}

/** What a Prisma schema creates — tables (with their indexes, constraints, sequences), views and enums — dropped in one transaction. */
export async function dropSchemaObjects(client: pg.Client, schema: string): Promise<void> {
  const q = async (sql: string) =>
    (await client.query<{ name: string }>(sql, [schema])).rows.map((r) => quoteIdent(r.name));
  const s = quoteIdent(schema);
  const views = await q(`SELECT viewname AS name FROM pg_views WHERE schemaname = $1`);
  const tables = await q(`SELECT tablename AS name FROM pg_tables WHERE schemaname = $1`);
  const sequences = await q(`SELECT sequencename AS name FROM pg_sequences WHERE schemaname = $1`);
  const types = await q(
    `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0`,
  );
  const list = (names: string[]) => names.map((n) => `${s}.${n}`).join(', ');
  await client.query('BEGIN');
  try {
    if (views.length) await client.query(`DROP VIEW IF EXISTS ${list(views)} CASCADE`);
    if (tables.length) await client.query(`DROP TABLE IF EXISTS ${list(tables)} CASCADE`);
    if (sequences.length) await client.query(`DROP SEQUENCE IF EXISTS ${list(sequences)} CASCADE`);
    if (types.length) await client.query(`DROP TYPE IF EXISTS ${list(types)} CASCADE`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
