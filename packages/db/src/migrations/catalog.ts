import pg from 'pg';

/**
 * A comparable description of a database schema: one line per table, column, index,
 * constraint and enum, sorted. Column order is ignored on purpose — a column added by
 * ALTER TABLE lands last, while a from-scratch CREATE TABLE follows schema.prisma order,
 * and that difference is not drift.
 */
export async function catalogSnapshot(url: string, schema = 'public'): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) =>
      (await client.query<{ line: string }>(sql, [schema])).rows.map((r) => r.line);
    const lines = [
      ...(await q(`
        SELECT 'table ' || c.relname AS line
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`)),
      ...(await q(`
        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
          || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
          || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
          || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
          || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END AS line
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
          AND a.attnum > 0 AND NOT a.attisdropped`)),
      ...(await q(`
        SELECT 'index ' || indexdef AS line FROM pg_indexes
        WHERE schemaname = $1 AND tablename <> '_prisma_migrations'`)),
      ...(await q(`
        SELECT 'constraint ' || c.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS line
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname <> '_prisma_migrations'`)),
      ...(await q(`
        SELECT 'enum ' || t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) || ')' AS line
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1 GROUP BY t.typname`)),
      ...(await q(`
        SELECT 'sequence ' || sequencename || ' ' || data_type::text AS line FROM pg_sequences WHERE schemaname = $1`)),
      ...(await q(`
        SELECT 'view ' || viewname || ' ' || definition AS line FROM pg_views WHERE schemaname = $1`)),
    ];
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** Human-readable difference between two snapshots; '' when they are equal. */
export function compareCatalogs(
  expected: string[],
  actual: string[],
  labels = { expected: 'schema.prisma', actual: 'migrations' },
): string {
  const a = new Set(actual);
  const e = new Set(expected);
  const missing = expected.filter((l) => !a.has(l)).map((l) => `  only in ${labels.expected}: ${l}`);
  const extra = actual.filter((l) => !e.has(l)).map((l) => `  only in ${labels.actual}:   ${l}`);
  return [...missing, ...extra].join('\n');
}
