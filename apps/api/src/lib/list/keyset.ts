import type { ListParams, SortKey } from '@repo/contracts';
import {
  type CursorBinding,
  type CursorPosition,
  type CursorValue,
  decodeCursor,
  encodeCursor,
} from './cursor';
import { fieldsOf, type ListSpec, type ResolvedField } from './spec';

/**
 * Keyset pagination for Prisma lists: `ORDER BY <sort columns>, id` and, after a cursor,
 * `WHERE (columns, id) > (cursor values)` in the sort's directions, `take: limit + 1` to learn
 * whether a next page exists. No OFFSET: a deep page costs what the first one does.
 *
 * The continuation is written `c >= v AND (c > v OR <rest after>)` (`<=`/`<` for desc), so the
 * leading column's bound is an index condition and the rest only filters rows sharing its value.
 * `where` and `orderBy` are plain objects (`object`), which Prisma's input types accept as they
 * are; combine `where` with the list's own filters in an `AND`.
 */

/** One page: the rows shown, and the cursor of the next page (null on the last one). */
export interface ListResult<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Keyset {
  /** The continuation after the cursor; `{}` on the first page. */
  where: object;
  orderBy: object[];
  /** limit + 1. */
  take: number;
  /** The fetched rows (`take` of them at most) as a page: the first `limit`, mapped, and the cursor. */
  page<R, T>(rows: readonly R[], map: (row: R) => T): ListResult<T>;
}

type Leaf = Record<string, unknown>;
/** Matches every row / no row (Prisma: an empty AND is true, an empty OR is false). */
const ALL: Leaf = {};
const NONE: Leaf = { OR: [] };

/** `{ a: { b: leaf } }` for the path `a.b`. */
function nest(path: string, leaf: unknown): Leaf {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf) as Leaf;
}

interface Column {
  field: string;
  type: ResolvedField['type'] | 'uuid';
  direction: 'asc' | 'desc';
}

const toPrisma = (column: Column, v: CursorValue): unknown =>
  column.type === 'timestamp' ? new Date(String(v)) : v;

/** `column` after `v` in its direction: strictly (`>`/`<`) or not (`>=`/`<=`). */
function after(column: Column, v: CursorValue, strict: boolean): Leaf {
  const asc = column.direction === 'asc';
  if (column.type === 'boolean') {
    // Prisma has no order comparisons on booleans; false sorts before true, so what comes after a
    // value is `true` in ascending order and `false` in descending order.
    const target = asc;
    if (v === target) return strict ? NONE : nest(column.field, target);
    return strict ? nest(column.field, target) : ALL;
  }
  const op = asc ? (strict ? 'gt' : 'gte') : strict ? 'lt' : 'lte';
  return nest(column.field, { [op]: toPrisma(column, v) });
}

function columnsOf<S extends SortKey>(spec: ListSpec<S>, sort: S): Column[] {
  const fields = fieldsOf(spec, sort);
  const columns: Column[] = fields.map((f) => ({ field: f.field, type: f.type, direction: f.direction }));
  if (spec.id) {
    const last = fields.at(-1);
    columns.push({ field: spec.id.field, type: spec.id.type, direction: last?.direction ?? 'asc' });
  }
  return columns;
}

/** The rows strictly after `position` in the sort's order (exported for tests). */
export function keysetWhere<S extends SortKey>(
  spec: ListSpec<S>,
  sort: NoInfer<S>,
  position: CursorPosition | undefined,
): object {
  if (!position) return ALL;
  const columns = columnsOf(spec, sort);
  const values: CursorValue[] = spec.id ? [...position.values, position.id as string] : position.values;
  const build = (i: number): Leaf => {
    const column = columns[i] as Column;
    const v = values[i] as CursorValue;
    if (i === columns.length - 1) return after(column, v, true);
    return { AND: [after(column, v, false), { OR: [after(column, v, true), build(i + 1)] }] };
  };
  return build(0);
}

/** ORDER BY the sort's columns, then the tie-breaker. */
export function keysetOrderBy<S extends SortKey>(spec: ListSpec<S>, sort: NoInfer<S>): object[] {
  return columnsOf(spec, sort).map((c) => nest(c.field, c.direction));
}

function read(row: unknown, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** A row's position in the sort (its sort values and tie-breaker, read by path). */
export function positionOf<S extends SortKey>(spec: ListSpec<S>, sort: NoInfer<S>, row: unknown) {
  const values = fieldsOf(spec, sort).map((f) => {
    const v = read(row, f.field);
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    throw new Error(`list: the row has no ${f.field} to continue from (select it)`);
  });
  if (!spec.id) return { values };
  const id = read(row, spec.id.field);
  if (typeof id !== 'string') throw new Error(`list: the row has no ${spec.id.field} (select it)`);
  return { values, id };
}

/**
 * The page out of up to limit + 1 fetched rows: the first `limit`, and the cursor after the last
 * of them when there was one more. For lists that fetch their own way (raw SQL).
 */
export function takePage<R>(
  rows: readonly R[],
  limit: number,
  cursorOf: (last: R) => string,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/**
 * Everything a Prisma `findMany` needs for one page of `query` (sort, cursor, limit, all
 * validated by the contract's listQuery): the cursor is decoded first, so a bad one is 400
 * invalid_cursor before any query runs.
 */
export function keyset<S extends SortKey>(
  spec: ListSpec<S>,
  query: ListParams<NoInfer<S>>,
  bind?: CursorBinding,
): Keyset {
  const position = decodeCursor(spec, query, bind);
  return {
    where: keysetWhere(spec, query.sort, position),
    orderBy: keysetOrderBy(spec, query.sort),
    take: query.limit + 1,
    page<R, T>(rows: readonly R[], map: (row: R) => T): ListResult<T> {
      const { rows: shown, nextCursor } = takePage(rows, query.limit, (last) =>
        encodeCursor(spec, query.sort, positionOf(spec, query.sort, last), bind),
      );
      return { items: shown.map(map), nextCursor };
    },
  };
}
