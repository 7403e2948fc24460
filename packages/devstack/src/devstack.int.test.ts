import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devstack, s3Client, startDevstack } from './index';
import type { MailMessage } from './mail';

// Starts its own stack (not the shared one from @repo/testing) to test the stack itself.
describe('startDevstack (ephemeral)', () => {
  let dataDir: string;
  let stack: Devstack;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'devstack-test-'));
    stack = await startDevstack({ dataDir, ephemeral: true, env: {} });
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exposes every connection variable', () => {
    for (const key of [
      'DATABASE_URL',
      'REDIS_URL',
      'S3_ENDPOINT',
      'S3_REGION',
      'S3_BUCKET',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
      'S3_FORCE_PATH_STYLE',
      'SMTP_URL',
      'MAIL_INBOX_URL',
      'WEBHOOK_RECEIVER_URL',
    ]) {
      expect(stack.env[key], key).toBeTruthy();
    }
    expect(stack.services.map((s) => s.name).sort()).toEqual([
      'mail',
      'oidc',
      'postgres',
      'redis',
      's3',
      'webhooks',
    ]);
    expect(stack.services.every((s) => !s.external)).toBe(true);
  });

  it('runs PostgreSQL with the groundwork database', async () => {
    const client = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; version: string }>(
        'SELECT current_database() AS db, current_setting($1) AS version',
        ['server_version_num'],
      );
      expect(rows[0]?.db).toBe('groundwork');
      expect(Number(rows[0]?.version)).toBeGreaterThanOrEqual(180000);
    } finally {
      await client.end();
    }
  });

  it('runs Redis with noeviction', async () => {
    const redis = new Redis(stack.env.REDIS_URL ?? '');
    try {
      expect(await redis.ping()).toBe('PONG');
      await redis.set('devstack:test', 'value');
      expect(await redis.get('devstack:test')).toBe('value');
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    } finally {
      redis.disconnect();
    }
  });

  it('runs S3 with the bucket', async () => {
    const s3 = s3Client(stack.env.S3_ENDPOINT ?? '');
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: stack.env.S3_BUCKET,
          Key: 'a/b.txt',
          Body: 'hello s3',
          ContentType: 'text/plain',
        }),
      );
      const object = await s3.send(new GetObjectCommand({ Bucket: stack.env.S3_BUCKET, Key: 'a/b.txt' }));
      expect(await object.Body?.transformToString()).toBe('hello s3');
    } finally {
      s3.destroy();
    }
  });

  it('catches SMTP mail and serves it over the JSON API and inbox page', async () => {
    const inbox = stack.env.MAIL_INBOX_URL;
    const transport = nodemailer.createTransport(stack.env.SMTP_URL);
    await transport.sendMail({
      from: 'Groundwork <no-reply@groundwork.local>',
      to: 'Alice <Alice@Example.test>',
      bcc: 'audit@example.test',
      subject: 'Welcome',
      text: 'Hello Alice',
      html: '<p>Hello <b>Alice</b></p>',
    });
    transport.close();

    const list = (await (await fetch(`${inbox}/api/messages?to=alice@example.test`)).json()) as MailMessage[];
    expect(list).toHaveLength(1);
    const [mail] = list;
    expect(mail).toMatchObject({
      from: 'Groundwork <no-reply@groundwork.local>',
      subject: 'Welcome',
      text: 'Hello Alice\n',
    });
    expect(mail?.to.sort()).toEqual(['alice@example.test', 'audit@example.test']);
    expect(mail?.html).toContain('<b>Alice</b>');

    const one = await fetch(`${inbox}/api/messages/${mail?.id}`);
    expect(((await one.json()) as MailMessage).subject).toBe('Welcome');
    const html = await fetch(`${inbox}/api/messages/${mail?.id}/html`);
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await (await fetch(`${inbox}/`)).text()).toContain('<h1>Dev inbox</h1>');
    expect((await fetch(`${inbox}/api/messages?to=nobody@example.test`)).ok).toBe(true);
    expect(await (await fetch(`${inbox}/api/messages?to=nobody@example.test`)).json()).toEqual([]);

    expect((await fetch(`${inbox}/api/messages`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${inbox}/api/messages`)).json()).toEqual([]);
    expect((await fetch(`${inbox}/api/messages/${mail?.id}`)).status).toBe(404);
  });
});

describe('startDevstack with configured URLs', () => {
  it('starts nothing for services given by URL and passes their env through', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'devstack-test-'));
    const env = {
      DATABASE_URL: 'postgresql://u:p@db.internal:5432/app',
      REDIS_URL: 'redis://cache.internal:6379',
      S3_ENDPOINT: 'https://s3.example.com',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      SMTP_URL: 'smtp://mail.internal:587',
      OIDC_ISSUER_URL: 'https://id.example.com',
      WEBHOOK_RECEIVER_URL: 'http://hooks.internal:8026',
    };
    const stack = await startDevstack({ dataDir, ephemeral: true, env });
    try {
      expect(stack.services.every((s) => s.external)).toBe(true);
      expect(stack.env).toMatchObject({
        ...env,
        S3_REGION: 'us-east-1',
        S3_BUCKET: 'groundwork',
        MAIL_INBOX_URL: '',
      });
    } finally {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('starts only the missing services', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'devstack-test-'));
    const stack = await startDevstack({
      dataDir,
      ephemeral: true,
      env: { DATABASE_URL: 'postgresql://u:p@db.internal/app' },
    });
    try {
      const started = stack.services.filter((s) => !s.external).map((s) => s.name);
      expect(started.sort()).toEqual(['mail', 'oidc', 'redis', 's3', 'webhooks']);
      expect(stack.env.DATABASE_URL).toBe('postgresql://u:p@db.internal/app');
      const redis = new Redis(stack.env.REDIS_URL ?? '');
      expect(await redis.ping()).toBe('PONG');
      redis.disconnect();
    } finally {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
