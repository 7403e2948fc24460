import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { CURSOR_MAX_LENGTH, INVALID_CURSOR, listPage, listQuery } from './list';

const Query = listQuery({
  sorts: ['createdAt:desc', 'name:asc'],
  defaultSort: 'createdAt:desc',
  maxLimit: 20,
  defaultLimit: 10,
  filters: { q: z.string().max(5).optional() },
});

/** The issues of a refused query, as [path, code, own code] (custom issues name theirs in params). */
function issues(input: Record<string, unknown>) {
  const result = Query.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => [
    i.path.join('.'),
    i.code,
    (i as { params?: { code?: string } }).params?.code,
  ]);
}

describe('listQuery', () => {
  it('defaults sort and limit, coerces the limit, keeps the filters', () => {
    expect(Query.parse({})).toEqual({ sort: 'createdAt:desc', limit: 10 });
    expect(Query.parse({ sort: 'name:asc', limit: '20', q: 'ab', cursor: 'eyJ9' })).toEqual({
      sort: 'name:asc',
      limit: 20,
      q: 'ab',
      cursor: 'eyJ9',
    });
    expectTypeOf<z.infer<typeof Query>['sort']>().toEqualTypeOf<'createdAt:desc' | 'name:asc'>();
    expectTypeOf<z.infer<typeof Query>['q']>().toEqualTypeOf<string | undefined>();
  });

  it('refuses a sort outside the allow-list with invalid_value', () => {
    for (const sort of ['name:desc', 'name', 'createdAt', 'id:asc', '']) {
      expect(issues({ sort })).toEqual([['sort', 'invalid_value', undefined]]);
    }
  });

  it('refuses a limit outside 1..max with too_small / too_big, a non-integer with invalid_type', () => {
    expect(issues({ limit: '0' })).toEqual([['limit', 'too_small', undefined]]);
    expect(issues({ limit: '21' })).toEqual([['limit', 'too_big', undefined]]);
    for (const limit of ['x', '1.5', 'NaN'])
      expect(issues({ limit })[0]?.slice(0, 2)).toEqual(['limit', 'invalid_type']);
  });

  it('refuses a malformed cursor with its own code, invalid_cursor', () => {
    for (const cursor of ['', 'a b', 'abc=', '%00', '../x', 'x'.repeat(CURSOR_MAX_LENGTH + 1)]) {
      expect(issues({ cursor })).toEqual([['cursor', 'custom', INVALID_CURSOR]]);
    }
    expect(Query.parse({ cursor: 'x'.repeat(CURSOR_MAX_LENGTH) }).cursor).toHaveLength(CURSOR_MAX_LENGTH);
  });

  it('is strict: an unknown parameter is refused', () => {
    expect(issues({ order: 'asc' })).toEqual([['', 'unrecognized_keys', undefined]]);
  });
});

describe('listPage', () => {
  it('is { <items>: [...], nextCursor }', () => {
    const Page = listPage('widgets', z.object({ id: z.string() }));
    expect(Page.parse({ widgets: [{ id: 'a' }], nextCursor: null })).toEqual({
      widgets: [{ id: 'a' }],
      nextCursor: null,
    });
    expect(Page.safeParse({ widgets: [] }).success).toBe(false);
    expectTypeOf<z.infer<typeof Page>>().toEqualTypeOf<{
      widgets: { id: string }[];
      nextCursor: string | null;
    }>();
  });
});
