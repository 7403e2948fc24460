import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from './cursor';
import { keyset, keysetOrderBy, keysetWhere, positionOf, takePage } from './keyset';
import { defineList } from './spec';

const id = '0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d';
const at = '2024-05-01T12:00:00.000Z';

const list = defineList({
  sorts: {
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
    'createdAt:asc': { field: 'createdAt', type: 'timestamp' },
    'name:asc': { field: 'user.name', type: 'text' },
    'name:desc': { field: 'name', type: 'text' },
  },
});
const personalFirst = defineList({
  sorts: {
    'name:asc': [
      { field: 'organization.personal', type: 'boolean', direction: 'desc' },
      { field: 'organization.name', type: 'text' },
    ],
  },
  id: { field: 'organizationId', type: 'uuid' },
});
const byKey = defineList({
  sorts: { 'key:asc': { field: 'key', type: 'text' }, 'key:desc': { field: 'key', type: 'text' } },
  id: null,
});

describe('keysetWhere', () => {
  it('is empty without a cursor', () => {
    expect(keysetWhere(list, 'createdAt:desc', undefined)).toEqual({});
  });

  it('desc: c <= v AND (c < v OR id < i), the leading bound an index condition', () => {
    expect(keysetWhere(list, 'createdAt:desc', { values: [at], id })).toEqual({
      AND: [
        { createdAt: { lte: new Date(at) } },
        { OR: [{ createdAt: { lt: new Date(at) } }, { id: { lt: id } }] },
      ],
    });
  });

  it('asc: c >= v AND (c > v OR id > i); timestamps reach Prisma as Dates', () => {
    const where = keysetWhere(list, 'createdAt:asc', { values: [at], id }) as {
      AND: [{ createdAt: { gte: Date } }, unknown];
    };
    expect(where).toEqual({
      AND: [
        { createdAt: { gte: new Date(at) } },
        { OR: [{ createdAt: { gt: new Date(at) } }, { id: { gt: id } }] },
      ],
    });
    expect(where.AND[0].createdAt.gte).toBeInstanceOf(Date);
  });

  it('follows paths through to-one relations', () => {
    expect(keysetWhere(list, 'name:asc', { values: ['Ada'], id })).toEqual({
      AND: [
        { user: { name: { gte: 'Ada' } } },
        { OR: [{ user: { name: { gt: 'Ada' } } }, { id: { gt: id } }] },
      ],
    });
  });

  it('compound: each column in its own direction, booleans without order operators', () => {
    const oid = '0193a3c4-0000-7a8b-9c0d-1e2f3a4b5c6d';
    // After a personal organization: the rest of the personal ones by name, then every other one.
    expect(keysetWhere(personalFirst, 'name:asc', { values: [true, 'Me'], id: oid })).toEqual({
      AND: [
        {},
        {
          OR: [
            { organization: { personal: false } },
            {
              AND: [
                { organization: { name: { gte: 'Me' } } },
                { OR: [{ organization: { name: { gt: 'Me' } } }, { organizationId: { gt: oid } }] },
              ],
            },
          ],
        },
      ],
    });
    // After a shared one: only shared ones (nothing sorts after `false` in desc order).
    expect(keysetWhere(personalFirst, 'name:asc', { values: [false, 'Acme'], id: oid })).toEqual({
      AND: [
        { organization: { personal: false } },
        {
          OR: [
            { OR: [] },
            {
              AND: [
                { organization: { name: { gte: 'Acme' } } },
                { OR: [{ organization: { name: { gt: 'Acme' } } }, { organizationId: { gt: oid } }] },
              ],
            },
          ],
        },
      ],
    });
  });

  it('without a tie-breaker, the sort column alone', () => {
    expect(keysetWhere(byKey, 'key:asc', { values: ['b'] })).toEqual({ key: { gt: 'b' } });
    expect(keysetWhere(byKey, 'key:desc', { values: ['b'] })).toEqual({ key: { lt: 'b' } });
  });
});

describe('keysetOrderBy', () => {
  it('orders by the sort columns, then the tie-breaker in the last column’s direction', () => {
    expect(keysetOrderBy(list, 'createdAt:desc')).toEqual([{ createdAt: 'desc' }, { id: 'desc' }]);
    expect(keysetOrderBy(list, 'name:asc')).toEqual([{ user: { name: 'asc' } }, { id: 'asc' }]);
    expect(keysetOrderBy(personalFirst, 'name:asc')).toEqual([
      { organization: { personal: 'desc' } },
      { organization: { name: 'asc' } },
      { organizationId: 'asc' },
    ]);
    expect(keysetOrderBy(byKey, 'key:desc')).toEqual([{ key: 'desc' }]);
  });
});

describe('keyset', () => {
  const rows = [1, 2, 3].map((n) => ({
    id: `0193a3c4-5e6f-7a8b-9c0d-00000000000${n}`,
    createdAt: new Date(Date.UTC(2024, 0, n)),
  }));

  it('fetches limit + 1 and pages: the first limit rows, and a cursor after the last shown', () => {
    const k = keyset(list, { sort: 'createdAt:desc', limit: 2 }, { scope: 'org-1' });
    expect(k.take).toBe(3);
    expect(k.where).toEqual({});
    const page = k.page(rows, (r) => r.id);
    expect(page.items).toEqual([rows[0]?.id, rows[1]?.id]);
    const next = decodeCursor(
      list,
      { sort: 'createdAt:desc', cursor: page.nextCursor ?? '' },
      { scope: 'org-1' },
    );
    expect(next).toEqual({ values: ['2024-01-02T00:00:00.000Z'], id: rows[1]?.id });
    // The next page continues from there.
    const k2 = keyset(
      list,
      { sort: 'createdAt:desc', limit: 2, cursor: page.nextCursor ?? '' },
      { scope: 'org-1' },
    );
    expect(k2.where).toEqual(keysetWhere(list, 'createdAt:desc', next));
  });

  it('answers nextCursor null on the last page', () => {
    const k = keyset(list, { sort: 'createdAt:desc', limit: 3 });
    expect(k.page(rows, (r) => r.id).nextCursor).toBeNull();
    expect(k.page([], (r) => r).nextCursor).toBeNull();
  });

  it('refuses a bad cursor before any query: 400 invalid_cursor', () => {
    const other = encodeCursor(list, 'createdAt:desc', { values: [at], id }, { scope: 'org-2' });
    for (const cursor of ['%%%', other, encodeCursor(list, 'createdAt:asc', { values: [at], id })]) {
      expect(() => keyset(list, { sort: 'createdAt:desc', limit: 2, cursor }, { scope: 'org-1' })).toThrow(
        AppError,
      );
    }
  });

  it('reads positions by path, and fails loudly when a sort column was not selected', () => {
    expect(
      positionOf(personalFirst, 'name:asc', {
        organizationId: id,
        organization: { personal: true, name: 'Me' },
      }),
    ).toEqual({ values: [true, 'Me'], id });
    expect(() => positionOf(list, 'name:asc', { id })).toThrow(/user\.name/);
    expect(() => positionOf(list, 'createdAt:desc', { createdAt: new Date(at) })).toThrow(/id/);
  });
});

describe('takePage', () => {
  it('cuts to the limit and makes a cursor only when there is more', () => {
    expect(takePage([1, 2, 3], 2, (last) => `after-${last}`)).toEqual({
      rows: [1, 2],
      nextCursor: 'after-2',
    });
    expect(takePage([1, 2], 2, (last) => `after-${last}`)).toEqual({ rows: [1, 2], nextCursor: null });
  });
});
