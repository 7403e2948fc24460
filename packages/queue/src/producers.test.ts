import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './connection';
import { parseEmailJob } from './producers';
import { defaultJobOptions } from './queues';

const valid = {
  template: 'waitlist-welcome',
  to: 'ada@example.com',
  locale: 'fr',
  props: { email: 'ada@example.com' },
};

describe('parseEmailJob', () => {
  it('accepts a valid job', () => {
    expect(parseEmailJob(valid)).toEqual(valid);
  });

  it.each([
    ['an unknown template', { ...valid, template: 'nope' }],
    ['a bad recipient', { ...valid, to: 'ada' }],
    ['an unknown locale', { ...valid, locale: 'de' }],
    ['props that do not fit the template', { ...valid, props: {} }],
    ['a non-ISO notAfter', { ...valid, notAfter: 'tomorrow' }],
  ])('rejects %s', (_, job) => {
    expect(() => parseEmailJob(job)).toThrow();
  });
});

describe('retry policy', () => {
  it('reconnects quickly at first and backs off to the cap', () => {
    expect([1, 2, 3, 4].map((n) => reconnectDelay(n))).toEqual([100, 200, 400, 800]);
    expect(reconnectDelay(50)).toBe(5_000);
    expect(reconnectDelay(50, 1_000)).toBe(1_000);
  });

  it('retries jobs with exponential backoff and bounded retention', () => {
    expect(defaultJobOptions).toMatchObject({ attempts: 8, backoff: { type: 'exponential' } });
    expect(defaultJobOptions.removeOnComplete).toMatchObject({ count: expect.any(Number) });
    expect(defaultJobOptions.removeOnFail).toMatchObject({ count: expect.any(Number) });
  });
});
