import { invalidCursor } from '../../lib/invalid-cursor';

/**
 * Opaque keyset cursors for the admin lists: base64url JSON of the last row's sort value and id,
 * bound to the sort (and search) that produced them, so a cursor replayed with another sort is
 * refused instead of silently skipping or repeating rows.
 */
export interface KeysetCursor {
  /** Sort key the cursor belongs to (e.g. `name:asc`, `relevance:desc`). */
  k: string;
  /** The last row's sort value: ISO date, text or relevance score. */
  v: string | number;
  id: string;
  /** For relevance cursors: the search they rank against. */
  q?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * Whether `v` is a timestamp encodeCursor could have written: the ISO shape AND a real instant.
 * The shape alone lets through `9999-99-99T99:99:99Z` or `2023-02-29…`, which PostgreSQL refuses
 * (a 500) or JavaScript silently moves to another day; year 0000 exists for Date, not for
 * timestamptz. Years 0001–9999 lie inside both ranges.
 */
function isCursorTimestamp(v: string): boolean {
  if (!ISO_TIMESTAMP.test(v) || v.startsWith('0000')) return false;
  const ms = Date.parse(v);
  // Date.parse rolls an impossible day or T24:00 over into the next one: only a value that reads
  // back unchanged names the instant it spells.
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === v.slice(0, 19);
}

/** Decodes a cursor and checks it belongs to `key` (and `q`); 400 invalid_cursor otherwise. */
export function decodeCursor(raw: string, key: string, q?: string): KeysetCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalidCursor();
  const c = parsed as Record<string, unknown>;
  if (c.k !== key || typeof c.id !== 'string' || !UUID.test(c.id)) throw invalidCursor();
  if ((c.q ?? undefined) !== q) throw invalidCursor();
  if (!valueFits(key.split(':')[0], c.v)) throw invalidCursor();
  return { k: c.k, v: c.v as string | number, id: c.id, ...(q === undefined ? {} : { q }) };
}

/**
 * Only what encodeCursor writes for that sort, so the value reaches PostgreSQL as something its
 * cast accepts (a 400 here, not a 500 there).
 */
function valueFits(sort: string | undefined, v: unknown): boolean {
  switch (sort) {
    case 'createdAt':
      return typeof v === 'string' && isCursorTimestamp(v);
    case 'name':
    case 'email':
      // PostgreSQL text cannot hold NUL (a 500). Other control characters stay: names stored before
      // @repo/contracts refused them still have to page.
      return typeof v === 'string' && v.length <= 400 && !v.includes('\u0000');
    case 'relevance':
      // word_similarity is within [0, 1]; anything else also overflows the ::real cast (1e308).
      return typeof v === 'number' && v >= 0 && v <= 1;
    default:
      return false;
  }
}
