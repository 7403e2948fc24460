import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { type CursorBinding, decodeCursor, encodeCursor } from './cursor';
import { defineList } from './spec';

const id = '0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d';
const org = '0193a3c4-0000-7a8b-9c0d-1e2f3a4b5c6d';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const list = defineList({
  sorts: {
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
    'name:asc': { field: 'name', type: 'text' },
    'name:desc': { field: 'name', type: 'text' },
    'relevance:desc': { field: 'rank', type: 'number', min: 0, max: 1 },
    'pinned:desc': [
      { field: 'pinned', type: 'boolean' },
      { field: 'name', type: 'text', direction: 'asc' },
    ],
  },
});
const offsets = defineList({
  sorts: { 'position:desc': { field: 'offset', type: 'number', integer: true, min: 0, max: 9_999_999 } },
  id: null,
});
const byKey = defineList({ sorts: { 'key:asc': { field: 'key', type: 'text' } }, id: null });

type Sort = keyof typeof list.sorts;
const decode = (cursor: string, sort: Sort = 'name:asc', bind?: CursorBinding) =>
  decodeCursor(list, { sort, cursor }, bind);

function rejects(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    expect((error as AppError).errors).toEqual([
      { path: 'querystring.cursor', code: 'invalid_cursor', message: 'Invalid cursor.' },
    ]);
    return;
  }
  throw new Error('expected an invalid_cursor error');
}

describe('list cursors', () => {
  it('round-trip for the sort, scope and search they were made for', () => {
    const c = encodeCursor(list, 'name:asc', { values: ["O'Brien"], id }, { scope: org });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decode(c, 'name:asc', { scope: org })).toEqual({ values: ["O'Brien"], id });
    const at = new Date('2024-02-29T23:59:59.999Z');
    expect(decode(encodeCursor(list, 'createdAt:desc', { values: [at], id }), 'createdAt:desc')).toEqual({
      values: ['2024-02-29T23:59:59.999Z'],
      id,
    });
    const r = encodeCursor(list, 'relevance:desc', { values: [0.6666667], id }, { search: 'ada' });
    expect(decode(r, 'relevance:desc', { search: 'ada' })?.values).toEqual([0.6666667]);
    const p = encodeCursor(list, 'pinned:desc', { values: [true, 'Zoë\tX'], id });
    expect(decode(p, 'pinned:desc')).toEqual({ values: [true, 'Zoë\tX'], id });
    expect(decodeCursor(list, { sort: 'name:asc' })).toBeUndefined();
  });

  it('carry no id when the list has no tie-breaker', () => {
    const c = encodeCursor(offsets, 'position:desc', { values: [40] }, { scope: 'email/failed' });
    expect(decodeCursor(offsets, { sort: 'position:desc', cursor: c }, { scope: 'email/failed' })).toEqual({
      values: [40],
    });
    const k = encodeCursor(byKey, 'key:asc', { values: ['checkout.v2'] });
    expect(decodeCursor(byKey, { sort: 'key:asc', cursor: k })).toEqual({ values: ['checkout.v2'] });
    // A tie-breaker where the list has none (or none where it has one) is not its cursor.
    rejects(() => decodeCursor(byKey, { sort: 'key:asc', cursor: raw({ s: 'key:asc', v: ['a'], i: id }) }));
    rejects(() => decode(raw({ s: 'name:asc', v: ['a'] })));
  });

  it('refuse garbage', () => {
    for (const cursor of [
      '',
      '%%%',
      'abc=',
      'x'.repeat(1025),
      raw('\u0000'),
      raw('just a string'),
      raw(null),
      raw([1, 2]),
      raw(42),
      Buffer.from('{"s":').toString('base64url'),
      raw({}),
    ]) {
      rejects(() => decode(cursor));
    }
  });

  it('refuse another sort, another scope, another search, and extra or missing keys', () => {
    const c = encodeCursor(list, 'name:asc', { values: ['x'], id }, { scope: org });
    rejects(() => decode(c, 'name:desc', { scope: org }));
    rejects(() => decode(c, 'name:asc', { scope: id }));
    rejects(() => decode(c, 'name:asc'));
    rejects(() => decode(encodeCursor(list, 'name:asc', { values: ['x'], id }), 'name:asc', { scope: org }));
    const r = encodeCursor(list, 'relevance:desc', { values: [0.5], id }, { search: 'ada' });
    rejects(() => decode(r, 'relevance:desc', { search: 'bob' }));
    rejects(() => decode(r, 'relevance:desc', { scope: 'ada' }));
    // The legacy admin-list format, or one with a field too many, is no cursor of this list.
    rejects(() => decode(raw({ k: 'name:asc', v: 'x', id })));
    rejects(() => decode(raw({ s: 'name:asc', v: ['x'], i: id, q: 'ada' })));
    rejects(() => decode(raw({ s: 'name:asc', v: ['x'], i: id, b: 'forged' })));
    rejects(() => decode(raw({ s: 'name:asc', v: ['x'] })));
  });

  it('refuse ids that are not ids', () => {
    for (const bad of ["1' OR '1'='1", `${id}\u0000`, id.slice(1), 42, null, { $gt: '' }]) {
      rejects(() => decode(raw({ s: 'name:asc', v: ['x'], i: bad })));
    }
  });

  it('take only timestamps toISOString writes, for instants that exist in both Date and PostgreSQL', () => {
    const at = (v: unknown) => () => decode(raw({ s: 'createdAt:desc', v: [v], i: id }), 'createdAt:desc');
    for (const v of [
      'not a date',
      '1',
      1_700_000_000_000,
      '9999-99-99T99:99:99.000Z',
      '2024-13-01T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '2024-04-31T12:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2024-01-01T23:60:00.000Z',
      '2024-01-01T23:59:60.000Z',
      '0000-01-01T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:00:00.000000Z',
      '2024-01-01T00:00:00.000+01:00',
      '2024-01-01 00:00:00.000Z',
    ]) {
      rejects(at(v));
    }
    for (const v of ['2024-02-29T23:59:59.999Z', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      expect(at(v)()?.values).toEqual([v]);
    }
  });

  it('take text PostgreSQL can hold, of a bounded length', () => {
    const text = (v: unknown) => () => decode(raw({ s: 'name:asc', v: [v], i: id }));
    for (const v of ['a\u0000b', '\ud800', 'a\udc00b', 'x'.repeat(401), 42, true, null, ['x'], { x: 1 }]) {
      rejects(text(v));
    }
    // Other control characters stay: names stored before the contract refused them must page.
    for (const v of ['', 'Zoë\tX', '東京 🚀', 'x'.repeat(400)]) expect(text(v)()?.values).toEqual([v]);
  });

  it('take numbers in the declared range (and integers where declared)', () => {
    const score = (v: unknown) => () =>
      decode(raw({ s: 'relevance:desc', v: [v], i: id, b: tag('ada') }), 'relevance:desc', { search: 'ada' });
    for (const v of [1e308, -0.5, 1.5, '0.5', null, true]) rejects(score(v));
    for (const v of [0, 1, 0.25]) expect(score(v)()?.values).toEqual([v]);
    const position = (v: unknown) => () =>
      decodeCursor(offsets, { sort: 'position:desc', cursor: raw({ s: 'position:desc', v: [v] }) });
    // 1e400 parses to Infinity.
    for (const v of [-1, 1.5, 10_000_000, '3']) rejects(position(v));
    rejects(() =>
      decodeCursor(offsets, {
        sort: 'position:desc',
        cursor: Buffer.from('{"s":"position:desc","v":[1e400]}').toString('base64url'),
      }),
    );
    for (const v of [0, 9_999_999]) expect(position(v)()?.values).toEqual([v]);
  });

  it('take booleans for boolean columns only, and exactly one value per column', () => {
    const pinned = (v: unknown[]) => () => decode(raw({ s: 'pinned:desc', v, i: id }), 'pinned:desc');
    for (const v of [['true', 'x'], [1, 'x'], [true], [true, 'x', 'y'], [true, 42]]) rejects(pinned(v));
    expect(pinned([false, 'x'])()?.values).toEqual([false, 'x']);
    rejects(() => decode(raw({ s: 'name:asc', v: 'x', i: id })));
    rejects(() => decode(raw({ s: 'name:asc', v: [], i: id })));
  });
});

/** The binding tag encodeCursor writes for a search, read back from a real cursor. */
function tag(search: string): string {
  const c = encodeCursor(list, 'relevance:desc', { values: [0], id }, { search });
  return JSON.parse(Buffer.from(c, 'base64url').toString('utf8')).b;
}
