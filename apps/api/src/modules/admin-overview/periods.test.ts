import { describe, expect, it } from 'vitest';
import { bucketStarts, periodFor } from './periods';

const iso = (d: Date) => d.toISOString();

describe('periodFor', () => {
  it('ends daily ranges with today (UTC) and puts the previous period right before', () => {
    const p = periodFor('30d', new Date('2024-03-01T23:59:59.999Z'));
    expect([iso(p.previousFrom), iso(p.from), iso(p.to)]).toEqual([
      '2024-01-02T00:00:00.000Z',
      '2024-02-01T00:00:00.000Z', // leap year: Feb 1 … Mar 1 is 30 days
      '2024-03-02T00:00:00.000Z',
    ]);
    expect(p.activeDays).toEqual({
      current: { from: '2024-02-01', to: '2024-03-02' },
      previous: { from: '2024-01-02', to: '2024-02-01' },
    });
  });

  it('ends the 24h range with the current hour; its active days are today and yesterday', () => {
    const p = periodFor('24h', new Date('2024-01-01T00:00:00.000Z'));
    expect([p.granularity, iso(p.from), iso(p.to), iso(p.previousFrom)]).toEqual([
      'hour',
      '2023-12-31T01:00:00.000Z',
      '2024-01-01T01:00:00.000Z',
      '2023-12-30T01:00:00.000Z',
    ]);
    expect(p.activeDays).toEqual({
      current: { from: '2024-01-01', to: '2024-01-02' },
      previous: { from: '2023-12-31', to: '2024-01-01' },
    });
  });

  it('lists the buckets of both periods, oldest first', () => {
    const starts = bucketStarts(periodFor('7d', new Date('2024-06-15T12:00:00Z'))).map(iso);
    expect(starts).toHaveLength(14);
    expect([starts[0], starts[7], starts[13]]).toEqual([
      '2024-06-02T00:00:00.000Z',
      '2024-06-09T00:00:00.000Z',
      '2024-06-15T00:00:00.000Z',
    ]);
  });
});
