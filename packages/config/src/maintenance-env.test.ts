import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadEnv, retentionEnv, workerEnv } from './index';

const Env = z.object({ ...workerEnv, ...retentionEnv });
const parse = (source: Record<string, string>) => Env.safeParse(source);

describe('retention and maintenance settings', () => {
  it('defaults: 30 days of grace, a daily purge at 03:00 UTC', () => {
    expect(loadEnv(Env, {})).toMatchObject({
      USER_DELETION_GRACE_DAYS: 30,
      MAINTENANCE_PURGE_CRON: '0 3 * * *',
    });
  });

  it.each(['0', '-1', '1.5', 'soon', '3651'])('refuses USER_DELETION_GRACE_DAYS=%s', (value) => {
    expect(parse({ USER_DELETION_GRACE_DAYS: value }).success).toBe(false);
  });

  it.each(['*/15 * * * *', '0 3 * * *', '0 0 3 * * MON-FRI', '5,35 1-5/2 * * SUN', ' 0 3 * * * '])(
    'accepts the cron pattern %j',
    (pattern) => expect(parse({ MAINTENANCE_PURGE_CRON: pattern }).success).toBe(true),
  );

  it.each(['', 'daily', '0 3 * *', '0 0 3 * * * *', '0 3 * * * ; rm', '0 3 $(x) * *'])(
    'refuses the cron pattern %j',
    (pattern) => expect(parse({ MAINTENANCE_PURGE_CRON: pattern }).success).toBe(false),
  );
});
