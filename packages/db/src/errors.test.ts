import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable, toDatabaseError } from './errors';

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'socket refusal',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ["Prisma's P1001", Object.assign(new Error("Can't reach database server"), { code: 'P1001' })],
    ['server shutting down (57P01), wrapped', new Error('wrapped', { cause: { code: '57P01' } })],
    ['too many connections', { code: '53300' }],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toDatabaseError(error)).toBeInstanceOf(DatabaseUnavailableError);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('Unique constraint failed'), { code: 'P2002' })],
    ['a syntax error', { code: '42601' }],
    ['a plain error', new Error('boom')],
  ])('leaves %s alone', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toDatabaseError(error)).toBe(error);
  });
});
