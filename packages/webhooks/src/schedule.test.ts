import { describe, expect, it } from 'vitest';
import { classifyResponse, DEFAULT_RETRY_SCHEDULE_MS, parseRetryAfter, retryDelay } from './schedule';

const now = new Date('2026-12-07T12:00:00Z');
const middle = () => 0.5; // no jitter

describe('retryDelay', () => {
  it('follows the schedule and ends after its last step', () => {
    const waits = DEFAULT_RETRY_SCHEDULE_MS.map((_, i) => retryDelay(i + 1, { random: middle }));
    expect(waits).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(retryDelay(DEFAULT_RETRY_SCHEDULE_MS.length + 1)).toBeNull();
    // About a day in all.
    const total = waits.reduce<number>((a, b) => a + (b ?? 0), 0);
    expect(total / 3_600_000).toBeCloseTo(27.6, 1);
  });

  it('jitters each wait by at most a fifth either way', () => {
    expect(retryDelay(3, { random: () => 0 })).toBe(240_000);
    expect(retryDelay(3, { random: () => 1 })).toBe(360_000);
  });

  it('honours a longer Retry-After, within a day', () => {
    expect(retryDelay(2, { random: middle, retryAfterMs: 60_000 })).toBe(60_000);
    expect(retryDelay(4, { random: middle, retryAfterMs: 60_000 })).toBe(1_800_000);
    expect(retryDelay(2, { random: middle, retryAfterMs: 48 * 3_600_000 })).toBe(5_000);
  });

  it('uses a configured schedule', () => {
    expect(retryDelay(2, { schedule: [0, 10], random: middle })).toBe(10);
    expect(retryDelay(3, { schedule: [0, 10] })).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores garbage', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('classifyResponse', () => {
  it('maps statuses to outcomes', () => {
    expect(classifyResponse(200, {}, now)).toEqual({ kind: 'delivered' });
    expect(classifyResponse(204, {}, now)).toEqual({ kind: 'delivered' });
    expect(classifyResponse(301, {}, now)).toEqual({ kind: 'failed', retryAfterMs: null });
    expect(classifyResponse(410, {}, now)).toEqual({ kind: 'gone' });
    expect(classifyResponse(500, { 'retry-after': '30' }, now)).toEqual({
      kind: 'failed',
      retryAfterMs: null,
    });
    expect(classifyResponse(429, { 'retry-after': '30' }, now)).toEqual({
      kind: 'failed',
      retryAfterMs: 30_000,
    });
    expect(classifyResponse(503, { 'retry-after': ['7', '9'] }, now)).toEqual({
      kind: 'failed',
      retryAfterMs: 7_000,
    });
  });
});
