import { describe, expect, it } from 'vitest';
import { type MetricsReading, perMinute, throughput } from './throughput';

const MIN = 60_000;
// 12:30:20 on some day: minute index 1000.
const now = 1000 * MIN + 20_000;
const reading = (prevTS: number, count: number, prevCount: number, data: number[] = []): MetricsReading => ({
  meta: { prevTS, count, prevCount },
  data,
});

describe('perMinute (BullMQ metrics → last N minutes)', () => {
  it('is all zeros when nothing was ever recorded', () => {
    expect(perMinute(reading(0, 0, 0), now, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('puts the pending count in the flush minute and the list before it, newest first', () => {
    // Flushed at minute 1000 (now): 2 jobs pending there; minute 999 had 4, 998 had 0, 997 had 7.
    expect(perMinute(reading(1000 * MIN + 1_000, 13, 11, [4, 0, 7]), now, 5)).toEqual([0, 7, 0, 4, 2]);
  });

  it('leaves the minutes after the last flush at zero (no job finished there)', () => {
    // Last flush at minute 997 with 3 pending; minute 996 had 5.
    expect(perMinute(reading(997 * MIN, 8, 5, [5, 1]), now, 5)).toEqual([5, 3, 0, 0, 0]);
  });

  it('drops what is older than the window', () => {
    expect(perMinute(reading(900 * MIN, 9, 0, [1, 1]), now, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts the very first job (prevCount 0, nothing pushed yet)', () => {
    expect(perMinute(reading(1000 * MIN, 1, 0), now, 3)).toEqual([0, 0, 1]);
  });

  it('keeps a worker clock slightly ahead inside the window', () => {
    expect(perMinute(reading(1001 * MIN, 2, 0, [3]), now, 3)).toEqual([0, 3, 2]);
  });
});

describe('throughput', () => {
  it('is null without any recorded metrics, a series otherwise', () => {
    expect(throughput(reading(0, 0, 0), reading(0, 0, 0), now)).toBeNull();
    const t = throughput(reading(1000 * MIN, 3, 0), reading(0, 0, 0), now, 60);
    expect(t).toMatchObject({ minutes: 60, completed: { total: 3 }, failed: { total: 0 } });
    expect(t?.completed.perMinute).toHaveLength(60);
    expect(t?.since).toBe(new Date(941 * MIN).toISOString());
  });
});
