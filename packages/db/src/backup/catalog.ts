import type pg from 'pg';

type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * Tables of `schema` (except Prisma's migration history) ordered so that every table
 * comes after the tables it references. Self-references are fine (COPY checks foreign
 * keys at the end of the statement); a cycle between tables is reported as an error.
 */
export async function tablesInLoadOrder(client: Queryable, schema: string): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations' ORDER BY 1`,
      [schema],
    )
  ).rows.map((r) => r.name);
  const edges = (
    await client.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class p ON p.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE con.contype = 'f' AND n.nspname = $1 AND c.relname <> p.relname`,
      [schema],
    )
  ).rows;
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string, path: string[]) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting')
      throw new Error(`Foreign keys form a cycle: ${[...path, table].join(' -> ')}`);
    state.set(table, 'visiting');
    for (const e of edges) if (e.child === table) visit(e.parent, [...path, table]);
    state.set(table, 'done');
    ordered.push(table);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

export async function columnsOf(client: Queryable, schema: string, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attnum`,
    [schema, table],
  );
  return rows.map((r) => r.name);
}

export async function sequencesOf(client: Queryable, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    'SELECT sequencename AS name FROM pg_sequences WHERE schemaname = $1 ORDER BY 1',
    [schema],
  );
  return rows.map((r) => r.name);
}
