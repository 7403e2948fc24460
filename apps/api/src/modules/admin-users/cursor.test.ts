import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from './cursor';

const id = '0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function rejects(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    expect((error as AppError).errors?.[0]?.code).toBe('invalid_cursor');
    return;
  }
  throw new Error('expected an invalid_cursor error');
}

describe('keyset cursors', () => {
  it('round-trip for the sort (and search) they were made for', () => {
    const c = encodeCursor({ k: 'name:asc', v: "O'Brien", id });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, 'name:asc')).toEqual({ k: 'name:asc', v: "O'Brien", id });
    const r = encodeCursor({ k: 'relevance:desc', v: 0.6666667, id, q: 'ada' });
    expect(decodeCursor(r, 'relevance:desc', 'ada').v).toBe(0.6666667);
  });

  it('refuse another sort, another search, garbage, bad ids and bad dates', () => {
    const c = encodeCursor({ k: 'name:asc', v: 'x', id });
    rejects(() => decodeCursor(c, 'name:desc'));
    rejects(() =>
      decodeCursor(encodeCursor({ k: 'relevance:desc', v: 0.5, id, q: 'ada' }), 'relevance:desc', 'bob'),
    );
    rejects(() => decodeCursor('%%%', 'name:asc'));
    rejects(() => decodeCursor(raw('just a string'), 'name:asc'));
    rejects(() => decodeCursor(raw({ k: 'name:asc', v: 'x', id: "1' OR '1'='1" }), 'name:asc'));
    rejects(() => decodeCursor(raw({ k: 'name:asc', v: { $gt: '' }, id }), 'name:asc'));
    rejects(() => decodeCursor(raw({ k: 'createdAt:desc', v: 'not a date', id }), 'createdAt:desc'));
    // Date.parse accepts these; PostgreSQL's timestamptz does not (a 500 before).
    rejects(() => decodeCursor(raw({ k: 'createdAt:desc', v: '1', id }), 'createdAt:desc'));
    rejects(() => decodeCursor(raw({ k: 'name:asc', v: 'a\u0000b', id }), 'name:asc'));
    rejects(() => decodeCursor(raw({ k: 'name:asc', v: 'x'.repeat(401), id }), 'name:asc'));
    rejects(() =>
      decodeCursor(raw({ k: 'relevance:desc', v: 'high', id, q: 'ada' }), 'relevance:desc', 'ada'),
    );
  });

  it('take only timestamps that exist, in years PostgreSQL and Date share', () => {
    const at = (v: string) => () => decodeCursor(raw({ k: 'createdAt:desc', v, id }), 'createdAt:desc');
    // Each of these reached PostgreSQL before (a 500) or was moved to another day by Date.parse.
    for (const v of [
      '9999-99-99T99:99:99Z',
      '2024-13-01T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T23:60:00Z',
      '2024-01-01T23:59:60Z',
      '0000-01-01T00:00:00Z',
    ]) {
      rejects(at(v));
    }
    for (const v of ['2024-02-29T23:59:59.999Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999999Z']) {
      expect(at(v)().v).toBe(v);
    }
  });

  it('take a value of the type their sort writes: text for name/email, a score in [0, 1]', () => {
    rejects(() => decodeCursor(raw({ k: 'name:asc', v: 42, id }), 'name:asc'));
    rejects(() => decodeCursor(raw({ k: 'email:asc', v: 'a\u0000', id }), 'email:asc'));
    expect(decodeCursor(raw({ k: 'name:asc', v: 'Zoë\tX', id }), 'name:asc').v).toBe('Zoë\tX');
    const score = (v: number) => () =>
      decodeCursor(raw({ k: 'relevance:desc', v, id, q: 'ada' }), 'relevance:desc', 'ada');
    for (const v of [1e308, -0.5, 1.5]) rejects(score(v));
    for (const v of [0, 1]) expect(score(v)().v).toBe(v);
    rejects(() => decodeCursor(raw({ k: 'rank:desc', v: 1, id }), 'rank:desc'));
  });
});
