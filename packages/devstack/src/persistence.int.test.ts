import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevstack } from './index';
import type { MailMessage } from './mail';

const ports = { postgres: 0, redis: 0, s3: 0, smtp: 0, inbox: 0, webhooks: 0 };

async function sql(url: string | undefined, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

// The dev (non-ephemeral) mode: data survives a restart, and a data dir is never shared.
describe('startDevstack (persistent data dir)', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'devstack-dev-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps database rows and caught mail across a restart', async () => {
    const first = await startDevstack({ dataDir, ports, env: {} });
    try {
      await sql(first.env.DATABASE_URL, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
      const transport = nodemailer.createTransport(first.env.SMTP_URL);
      await transport.sendMail({
        from: 'a@example.test',
        to: 'keep@example.test',
        subject: 'Kept',
        text: 'x',
      });
      transport.close();
    } finally {
      await first.stop();
    }

    const second = await startDevstack({ dataDir, ports, env: {} });
    try {
      expect(await sql(second.env.DATABASE_URL, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
      const mail = (await (await fetch(`${second.env.MAIL_INBOX_URL}/api/messages`)).json()) as MailMessage[];
      expect(mail.map((m) => m.subject)).toEqual(['Kept']);
    } finally {
      await second.stop();
    }
  });

  it('refuses a data dir used by another running stack', async () => {
    const running = await startDevstack({
      dataDir,
      ports,
      env: { REDIS_URL: 'redis://unused', S3_ENDPOINT: 'http://unused', SMTP_URL: 'smtp://unused' },
    });
    try {
      await expect(startDevstack({ dataDir, ports, env: {} })).rejects.toThrow(/GROUNDWORK_DATA_DIR/);
    } finally {
      await running.stop();
    }
  });

  it('refuses a Postgres data dir whose server is still alive', async () => {
    // A postmaster.pid naming a live process (this one) — e.g. a stack whose lock file was deleted.
    await mkdir(join(dataDir, 'postgres'), { recursive: true });
    await writeFile(join(dataDir, 'postgres', 'PG_VERSION'), '18\n');
    await writeFile(join(dataDir, 'postgres', 'postmaster.pid'), `${process.pid}\n/x\n0\n54320\n`);
    await expect(
      startDevstack({
        dataDir,
        ports,
        env: { REDIS_URL: 'redis://unused', S3_ENDPOINT: 'http://unused', SMTP_URL: 'smtp://unused' },
      }),
    ).rejects.toThrow(/already in use by a running server.*GROUNDWORK_DATA_DIR/s);
  });
});
