/**
 * The built-in backup format (ADR 0003): a gzip'd text file shaped like a plain-SQL
 * pg_dump data section, so it can be inspected with `zcat`:
 *
 *   -- groundwork-backup 1
 *   -- manifest {"migrations":[…],"tables":[…],"sequences":[…]}
 *   COPY "public"."users" ("id", "email", …) FROM stdin;
 *   <rows in COPY text format>
 *   \.
 *   …
 *   -- end
 *
 * COPY text format escapes backslashes and newlines inside values, so a row can never
 * be the line `\.`; the `-- end` trailer detects a truncated file.
 */
export const MAGIC = '-- groundwork-backup 1';
export const MANIFEST_PREFIX = '-- manifest ';
export const END = '-- end';
export const COPY_END = '\\.';

export interface Manifest {
  createdAt: string;
  serverVersion: string;
  schema: string;
  /** Finished migrations of the source database, in order: the data fits exactly this schema. */
  migrations: { name: string; checksum: string }[];
  /** In load order (referenced tables first). */
  tables: { name: string; columns: string[]; rows: number }[];
  sequences: { name: string; lastValue: string | null; isCalled: boolean }[];
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function copyHeader(schema: string, table: string, columns: string[]): string {
  return `COPY ${quoteIdent(schema)}.${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM stdin;`;
}

const HEADER = /^COPY "((?:[^"]|"")+)"\."((?:[^"]|"")+)" \((.*)\) FROM stdin;$/;

export function parseCopyHeader(line: string): { table: string } | null {
  const match = HEADER.exec(line);
  return match?.[2] ? { table: match[2].replace(/""/g, '"') } : null;
}

/** Same session settings as pg_dump, so COPY text round-trips whatever the server defaults are. */
export const SESSION_SETUP =
  "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC'; SET extra_float_digits = 3";
