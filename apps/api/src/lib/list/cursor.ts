import { createHash } from 'node:crypto';
import { CURSOR_MAX_LENGTH, INVALID_CURSOR, INVALID_CURSOR_MESSAGE, type SortKey } from '@repo/contracts';
import { AppError } from '../../errors';
import { fieldsOf, type ListSpec, type SortField, type TieBreaker } from './spec';

/**
 * Opaque keyset cursors: base64url JSON `{ s, v, i?, b? }` holding the sort key (s), the last
 * row's sort values (v, one per column) and tie-breaker (i), and a tag of what the list was scoped
 * to and searched for (b). A cursor is accepted only by the same sort, scope and search, and only
 * with values its columns could have written: anything else is 400 invalid_cursor, never a page of
 * another list, a skipped or repeated row, or a cast error in PostgreSQL.
 */

export type CursorValue = string | number | boolean;

/** Where a page ends: the last row's sort values (timestamps as ISO strings) and tie-breaker. */
export interface CursorPosition {
  values: CursorValue[];
  id?: string;
}

/** What else a cursor is valid for: the list's owner (organization, user, queue…) and search. */
export interface CursorBinding {
  scope?: string | undefined;
  /** Only where the order depends on it (relevance); a keyset position is valid for any filter. */
  search?: string | undefined;
}

/** The one answer to a cursor a list cannot continue from: drop it and start from the first page. */
export function invalidCursor(): AppError {
  return new AppError('validation_failed', INVALID_CURSOR_MESSAGE, {
    errors: [{ path: 'querystring.cursor', code: INVALID_CURSOR, message: 'Invalid cursor.' }],
  });
}

/** Longest text value (and text tie-breaker) a cursor may carry. */
export const CURSOR_TEXT_MAX = 400;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Exactly what Date#toISOString writes for years 0001–9999 (where Date and timestamptz agree). */
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A lone UTF-16 surrogate: not text PostgreSQL can hold. */
const LONE_SURROGATE = /\p{Cs}/u;

function bindingTag(bind: CursorBinding | undefined): string | undefined {
  if (bind?.scope === undefined && bind?.search === undefined) return undefined;
  const hash = createHash('sha256').update(JSON.stringify([bind.scope ?? null, bind.search ?? null]));
  return hash.digest('base64url').slice(0, 16);
}

/** The cursor for the position after which the next page starts. */
export function encodeCursor<S extends SortKey>(
  spec: ListSpec<S>,
  sort: NoInfer<S>,
  position: { values: (CursorValue | Date)[]; id?: string | undefined },
  bind?: CursorBinding,
): string {
  const fields = fieldsOf(spec, sort);
  if (position.values.length !== fields.length) throw new Error(`list cursor for ${sort}: wrong value count`);
  const payload: Record<string, unknown> = {
    s: sort,
    v: position.values.map((v) => (v instanceof Date ? v.toISOString() : v)),
  };
  if (spec.id) {
    if (position.id === undefined) throw new Error(`list cursor for ${sort}: no tie-breaker`);
    payload.i = position.id;
  }
  const b = bindingTag(bind);
  if (b !== undefined) payload.b = b;
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Whether `v` is a timestamp encodeCursor writes: toISOString's shape, reading back unchanged. */
export function isCursorTimestamp(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_MS.test(v) || v.startsWith('0000')) return false;
  const ms = Date.parse(v);
  // Date.parse rolls an impossible day (02-30) or T24:00 over into the next one.
  return !Number.isNaN(ms) && new Date(ms).toISOString() === v;
}

const isCursorText = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= CURSOR_TEXT_MAX && !v.includes('\u0000') && !LONE_SURROGATE.test(v);

/** Only a value encodeCursor could have written for that column's type. */
export function valueFits(field: SortField, v: unknown): boolean {
  switch (field.type) {
    case 'timestamp':
      return isCursorTimestamp(v);
    case 'text':
      return isCursorText(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (field.min === undefined || v >= field.min) &&
        (field.max === undefined || v <= field.max) &&
        (!field.integer || Number.isInteger(v))
      );
    default:
      return false;
  }
}

function idFits(id: TieBreaker, v: unknown): v is string {
  return id.type === 'uuid' ? typeof v === 'string' && UUID.test(v) : isCursorText(v);
}

/**
 * The position a query's cursor names, or undefined without one. 400 invalid_cursor unless it is
 * a cursor of this list, for `query.sort` and the same binding, with values its columns allow.
 */
export function decodeCursor<S extends SortKey>(
  spec: ListSpec<S>,
  query: { sort: NoInfer<S>; cursor?: string | undefined },
  bind?: CursorBinding,
): CursorPosition | undefined {
  const raw = query.cursor;
  if (raw === undefined) return undefined;
  if (raw.length === 0 || raw.length > CURSOR_MAX_LENGTH || !BASE64URL.test(raw)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidCursor();
  const c = parsed as Record<string, unknown>;
  const fields = fieldsOf(spec, query.sort);
  const expectedKeys = ['s', 'v', ...(spec.id ? ['i'] : []), ...(bindingTag(bind) ? ['b'] : [])];
  const keys = Object.keys(c);
  if (keys.length !== expectedKeys.length || !expectedKeys.every((k) => keys.includes(k))) {
    throw invalidCursor();
  }
  if (c.s !== query.sort || c.b !== bindingTag(bind)) throw invalidCursor();
  const values = c.v;
  if (!Array.isArray(values) || values.length !== fields.length) throw invalidCursor();
  if (!fields.every((field, i) => valueFits(field, values[i]))) throw invalidCursor();
  if (spec.id) {
    if (!idFits(spec.id, c.i)) throw invalidCursor();
    return { values: values as CursorValue[], id: c.i };
  }
  return { values: values as CursorValue[] };
}
