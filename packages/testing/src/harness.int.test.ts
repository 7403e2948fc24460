import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { mailbox, testEnv, uniqueEmail } from './index';

describe('@repo/testing harness', () => {
  it('gives this worker its own migrated database', async () => {
    const url = new URL(process.env.DATABASE_URL ?? '');
    expect(url.pathname).toBe(`/test_${process.env.VITEST_POOL_ID}`);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('sets the worker environment', () => {
    const env = testEnv({ EXTRA: 'x' });
    expect(env.REDIS_PREFIX).toMatch(new RegExp(`^t${process.env.VITEST_POOL_ID}-[0-9a-f]{8}$`));
    expect(env.NODE_ENV).toBe('test');
    expect(env.LOG_LEVEL).toBe('silent');
    expect(env.EXTRA).toBe('x');
    for (const key of ['REDIS_URL', 'S3_ENDPOINT', 'SMTP_URL', 'MAIL_INBOX_URL'])
      expect(env[key], key).toBeTruthy();
  });

  it('reaches the shared Redis', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? '');
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('waits for mail to one recipient', async () => {
    const to = uniqueEmail('harness');
    const other = uniqueEmail('harness');
    expect(other).not.toBe(to);
    const transport = nodemailer.createTransport(process.env.SMTP_URL);
    await transport.sendMail({ from: 'a@example.test', to: other, subject: 'Not for you', text: 'x' });
    const pending = mailbox.waitForMail({ to, subject: /^Reset/ }, 5_000);
    await transport.sendMail({ from: 'a@example.test', to, subject: 'Hello', text: 'first' });
    await transport.sendMail({ from: 'a@example.test', to, subject: 'Reset your password', text: 'second' });
    transport.close();

    const mail = await pending;
    expect(mail.text.trim()).toBe('second');
    expect(await mailbox.list({ to })).toHaveLength(2);
    await mailbox.clear({ to });
    expect(await mailbox.list({ to })).toHaveLength(0);
    expect(await mailbox.list({ to: other })).toHaveLength(1);
  });

  it('reports mail that never arrives', async () => {
    await expect(mailbox.waitForMail({ to: uniqueEmail('nobody') }, 300)).rejects.toThrow(
      /No mail to nobody-/,
    );
  });
});
