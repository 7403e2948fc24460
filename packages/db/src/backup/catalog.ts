import type pg from 'pg';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** A foreign key between two different tables of the schema. */
export interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  /** Every referencing column is nullable: a row can exist before the row it points to. */
  nullable: boolean;
  /** `pg_get_constraintdef`, to add it back exactly as it was. */
  definition: string;
}

export async function foreignKeysOf(client: Queryable, schema: string): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT con.conname AS name, c.relname AS child, p.relname AS parent,
            bool_and(NOT a.attnotnull) AS nullable, pg_get_constraintdef(con.oid) AS definition
     FROM pg_constraint con
     JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class p ON p.oid = con.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
     WHERE con.contype = 'f' AND n.nspname = $1 AND c.relname <> p.relname
     GROUP BY con.oid, con.conname, c.relname, p.relname
     ORDER BY c.relname, con.conname`,
    [schema],
  );
  return rows;
}

/**
 * Tables of `schema` (except Prisma's migration history) ordered so that every table
 * comes after the tables it references. Self-references are fine (COPY checks foreign
 * keys at the end of the statement). A cycle between tables (users → files → users: an
 * avatar is a file, a file has an owner) is broken at a nullable foreign key, which the
 * restore sets aside while it loads (`keysAgainstOrder`); a cycle of NOT NULL keys is an error.
 */
export async function tablesInLoadOrder(client: Queryable, schema: string): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations' ORDER BY 1`,
      [schema],
    )
  ).rows.map((r) => r.name);
  const edges = await foreignKeysOf(client, schema);
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string, path: string[]) => {
    if (state.get(table) === 'done') return;
    state.set(table, 'visiting');
    for (const e of edges) {
      if (e.child !== table) continue;
      if (state.get(e.parent) === 'visiting') {
        if (e.nullable) continue;
        throw new Error(`Foreign keys form a cycle: ${[...path, table, e.parent].join(' -> ')}`);
      }
      visit(e.parent, [...path, table]);
    }
    state.set(table, 'done');
    ordered.push(table);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

/** The foreign keys that `order` loads child before parent: the cycle breakers of that order. */
export async function keysAgainstOrder(
  client: Queryable,
  schema: string,
  order: string[],
): Promise<ForeignKey[]> {
  const position = new Map(order.map((table, i) => [table, i]));
  return (await foreignKeysOf(client, schema)).filter(
    (k) => (position.get(k.child) ?? -1) < (position.get(k.parent) ?? -1),
  );
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
