import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { apiKeyStatus, parseExpiry } from './api-keys.service';

const NOW = new Date('2026-03-01T00:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 86_400_000;

describe('apiKeyStatus', () => {
  const live = { revokedAt: null, expiresAt: null, replacedById: null };

  it('ranks revoked over expired over expiring over active', () => {
    expect(apiKeyStatus(live, NOW)).toBe('active');
    expect(apiKeyStatus({ ...live, expiresAt: at(1) }, NOW)).toBe('active');
    expect(apiKeyStatus({ ...live, replacedById: 'k2', expiresAt: at(1) }, NOW)).toBe('expiring');
    expect(apiKeyStatus({ ...live, replacedById: 'k2', expiresAt: NOW }, NOW)).toBe('expired');
    expect(apiKeyStatus({ ...live, expiresAt: at(-1) }, NOW)).toBe('expired');
    expect(apiKeyStatus({ revokedAt: at(-5), expiresAt: at(-1), replacedById: 'k2' }, NOW)).toBe('revoked');
  });
});

describe('parseExpiry', () => {
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const e = error as AppError;
      expect(e.code).toBe('validation_failed');
      return e.errors?.[0];
    }
    throw new Error('expected a validation error');
  };

  it('accepts no expiry, or one in the future up to 366 days away', () => {
    expect(parseExpiry(undefined, NOW)).toBeNull();
    expect(parseExpiry(at(1000).toISOString(), NOW)).toEqual(at(1000));
    expect(parseExpiry(at(366 * DAY).toISOString(), NOW)).toEqual(at(366 * DAY));
  });

  it('refuses the past, now and beyond 366 days with an expiresAt field error', () => {
    expect(fieldOf(() => parseExpiry(NOW.toISOString(), NOW))).toMatchObject({
      path: 'expiresAt',
      code: 'too_small',
    });
    expect(fieldOf(() => parseExpiry(at(-DAY).toISOString(), NOW))).toMatchObject({ code: 'too_small' });
    expect(fieldOf(() => parseExpiry(at(366 * DAY + 1).toISOString(), NOW))).toMatchObject({
      path: 'expiresAt',
      code: 'too_big',
    });
  });
});
