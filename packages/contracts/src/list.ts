import { z } from 'zod';

/**
 * The one list convention (docs/architecture.md#lists, ADR 0023). Every list route takes
 *
 *   ?cursor=<nextCursor of the previous page>&limit=<1..max>&sort=<field:asc|desc>&<filters>
 *
 * and answers `{ <items>: [...], nextCursor: string | null }`. A cursor is opaque (the API's
 * business), valid only for the list, sort, scope and search that produced it. Refusals are
 * 400 validation_failed with one field error each, with stable codes:
 *
 * - `querystring.cursor` → `invalid_cursor` (malformed here, or not a position of this list there);
 * - `querystring.sort` → `invalid_value` (not one of the list's sorts);
 * - `querystring.limit` → `too_small` / `too_big` (outside 1..max), `invalid_type` (not an integer).
 *
 * @example
 * export const WidgetListQuery = listQuery({
 *   sorts: ['createdAt:desc', 'name:asc'],
 *   defaultSort: 'createdAt:desc',
 *   filters: { q: singleLineText({ min: 0, max: 100 }).optional() },
 * });
 * export const WidgetList = listPage('widgets', Widget);
 */

/** `<field>:asc` or `<field>:desc`: how a list is ordered, as a client names it. */
export type SortKey = `${string}:${'asc' | 'desc'}`;

/** Longest cursor a list accepts (base64url). */
export const CURSOR_MAX_LENGTH = 1024;
/** The field error code of every refused cursor, whichever side refused it. */
export const INVALID_CURSOR = 'invalid_cursor';
export const INVALID_CURSOR_MESSAGE = 'Invalid cursor: start again from the first page.';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A cursor as the contract sees it: non-empty base64url, bounded. Anything else is refused here
 * with the code `invalid_cursor` (a custom issue naming its code in `params`, which the API's error
 * mapping reports as the field error code), so clients need one rule for every bad cursor.
 */
export const ListCursor = z
  .string()
  .superRefine((value, ctx) => {
    if (value.length === 0 || value.length > CURSOR_MAX_LENGTH || !BASE64URL.test(value)) {
      ctx.addIssue({ code: 'custom', message: INVALID_CURSOR_MESSAGE, params: { code: INVALID_CURSOR } });
    }
  })
  .describe('`nextCursor` of the previous page, as given (opaque; valid for the same sort and filters).');

export interface ListQueryOptions<S extends readonly [SortKey, ...SortKey[]], F extends z.ZodRawShape> {
  /** Every order the list offers (allow-list); the API maps each to indexed columns. */
  sorts: S;
  defaultSort: S[number];
  /** Largest page; default 100. */
  maxLimit?: number;
  /** Page size when `limit` is omitted; default 50 (at most maxLimit). */
  defaultLimit?: number;
  /** The list's own query parameters (search, filters), as a Zod shape. */
  filters?: F;
}

/**
 * A list's query schema: `cursor`, `limit`, `sort` and the filters, strict (an unknown parameter
 * is a 400). Add cross-field rules with `.superRefine` on the result.
 */
export function listQuery<
  const S extends readonly [SortKey, ...SortKey[]],
  F extends z.ZodRawShape = Record<never, never>,
>(options: ListQueryOptions<S, F>) {
  const maxLimit = options.maxLimit ?? 100;
  const defaultLimit = Math.min(options.defaultLimit ?? 50, maxLimit);
  return z.strictObject({
    ...(options.filters ?? ({} as F)),
    cursor: ListCursor.optional(),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    sort: z.enum(options.sorts).default(options.defaultSort as never) as z.ZodDefault<
      z.ZodEnum<{ [K in S[number]]: K }>
    >,
  });
}

/** The paging part of a list's query, as a service receives it. */
export interface ListParams<S extends string = string> {
  sort: S;
  limit: number;
  cursor?: string | undefined;
}

/**
 * A list's response: `{ [itemsKey]: item[], nextCursor }`; `nextCursor` is null on the last page.
 * Extend it for list-level fields (`.extend({ total: … })`).
 */
export function listPage<const K extends string, T extends z.ZodType>(itemsKey: K, item: T) {
  const shape = { [itemsKey]: z.array(item), nextCursor: z.string().nullable() } as {
    [P in K]: z.ZodArray<T>;
  } & { nextCursor: z.ZodNullable<z.ZodString> };
  return z.object(shape);
}
