import { describe, expect, it } from 'vitest';
import { relayRetryDelayMs } from './relay';
import { jobIdFor, jobsForEvent, UnroutableEventError } from './routes';

const ctx = { id: '0190c8a4-0000-7000-8000-000000000001', createdAt: new Date() };

describe('jobsForEvent', () => {
  it('maps waitlist.joined to one localized welcome email', () => {
    const jobs = jobsForEvent(
      'waitlist.joined',
      { entryId: 'e', email: 'ada@example.com', locale: 'ar' },
      ctx,
    );
    expect(jobs).toEqual([
      {
        queue: 'email',
        name: 'waitlist-welcome',
        data: {
          template: 'waitlist-welcome',
          to: 'ada@example.com',
          locale: 'ar',
          props: { email: 'ada@example.com' },
        },
      },
    ]);
    expect(jobIdFor(ctx.id, jobs[0]!)).toBe(ctx.id);
  });

  it('rejects unknown types and payloads that break the contract', () => {
    expect(() => jobsForEvent('nope', {}, ctx)).toThrow(UnroutableEventError);
    expect(() => jobsForEvent('toString', {}, ctx)).toThrow(UnroutableEventError);
    expect(() => jobsForEvent('waitlist.joined', { email: 'ada@example.com' }, ctx)).toThrow(/invalid/);
  });

  it('suffixes the job id when an event fans out', () => {
    expect(jobIdFor('evt', { queue: 'email', name: 'x', data: {}, key: 'admin' })).toBe('evt-admin');
  });
});

describe('relayRetryDelayMs', () => {
  it('doubles from 1 s and caps at 5 min', () => {
    expect([1, 2, 3].map(relayRetryDelayMs)).toEqual([1_000, 2_000, 4_000]);
    expect(relayRetryDelayMs(30)).toBe(300_000);
  });
});
