import { AppError } from '../../errors';

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

function invalidCursor(): AppError {
  return new AppError('validation_failed', 'Invalid cursor: start again from the first page.', {
    errors: [{ path: 'querystring.cursor', code: 'invalid_cursor', message: 'Invalid cursor.' }],
  });
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

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
  const valueOk =
    (typeof c.v === 'string' && c.v.length <= 400) || (typeof c.v === 'number' && Number.isFinite(c.v));
  if (c.k !== key || !valueOk || typeof c.id !== 'string' || !UUID.test(c.id)) throw invalidCursor();
  if ((c.q ?? undefined) !== q) throw invalidCursor();
  // Only what encodeCursor writes: an ISO timestamp (Date.parse also takes "1", which PostgreSQL
  // refuses), and no control characters, which PostgreSQL text cannot hold (NUL) — a 400, not a 500.
  if (typeof c.v === 'string' && [...c.v].some((ch) => ch.charCodeAt(0) < 0x20)) throw invalidCursor();
  if (key.startsWith('createdAt:') && (typeof c.v !== 'string' || !ISO_TIMESTAMP.test(c.v)))
    throw invalidCursor();
  if (key.startsWith('relevance:') && typeof c.v !== 'number') throw invalidCursor();
  return { k: c.k, v: c.v as string | number, id: c.id, ...(q === undefined ? {} : { q }) };
}
