import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { lockDataDir } from './lock';
import { startMail } from './mail';
import { startOidcProvider } from './oidc';
import { resolvePort } from './ports';
import { startPostgres } from './postgres';
import { startRedis } from './redis';
import { startS3 } from './s3';
import {
  type Devstack,
  DevstackError,
  type DevstackOptions,
  type RunningService,
  type ServiceInfo,
} from './types';
import { startWebhookReceiver } from './webhooks';

/** mkdtemp and home dirs are 0700; fail with the fix rather than initdb's bare "Permission denied". */
async function assertTraversable(dir: string): Promise<void> {
  for (let current = dirname(dir); current !== dirname(current); current = dirname(current)) {
    if (((await stat(current)).mode & 0o001) === 0) {
      throw new DevstackError(
        `PostgreSQL runs as the "postgres" user when started as root, and cannot enter ${current} (mode ${((await stat(current)).mode & 0o777).toString(8)}). ` +
          `Run \`chmod o+x ${current}\`, or set GROUNDWORK_DATA_DIR to a directory outside it.`,
      );
    }
  }
}

type Starter = { name: string; run: () => Promise<RunningService> };

/**
 * Starts every service whose URL is not already configured in `opts.env`, in parallel, and
 * returns the merged connection env. If any service fails, those already up are stopped again.
 */
export async function startDevstack(opts: DevstackOptions): Promise<Devstack> {
  const log = opts.log ?? (() => {});
  const given = opts.env ?? {};
  const ephemeral = opts.ephemeral ?? false;
  const ports = opts.ports ?? {};
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  // Never write throw-away data into a real data dir: ephemeral stacks get their own subdir.
  const root = ephemeral ? await mkdtemp(join(dataDir, 'devstack-')) : dataDir;
  // As root, Postgres runs as the `postgres` user, which must be able to reach its data dir.
  if (userInfo().uid === 0) {
    for (const dir of new Set([dataDir, root])) await chmod(dir, 0o755);
    if (!given.DATABASE_URL) await assertTraversable(dataDir);
  }
  const releaseLock = ephemeral ? async () => {} : await lockDataDir(root);

  const starters: Starter[] = [];
  const external: ServiceInfo[] = [];
  const env: Record<string, string> = {};
  const useExternal = (name: string, url: string, keys: string[]) => {
    external.push({ name, url, external: true });
    for (const key of keys) if (given[key]) env[key] = given[key];
  };

  if (given.DATABASE_URL) useExternal('postgres', given.DATABASE_URL, ['DATABASE_URL']);
  else {
    const port = await resolvePort('postgres', ports.postgres, ephemeral, log);
    starters.push({
      name: 'postgres',
      run: () => startPostgres({ dir: join(root, 'postgres'), port, ephemeral, log }),
    });
  }

  if (given.REDIS_URL) useExternal('redis', given.REDIS_URL, ['REDIS_URL']);
  else {
    const port = await resolvePort('redis', ports.redis, ephemeral, log);
    starters.push({
      name: 'redis',
      run: () => startRedis({ dir: join(root, 'redis'), port, ephemeral, log }),
    });
  }

  const bucket = given.S3_BUCKET || 'groundwork';
  if (given.S3_ENDPOINT) {
    useExternal('s3', given.S3_ENDPOINT, [
      'S3_ENDPOINT',
      'S3_REGION',
      'S3_BUCKET',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
      'S3_FORCE_PATH_STYLE',
    ]);
    env.S3_REGION ??= 'us-east-1';
    env.S3_BUCKET ??= bucket;
    env.S3_FORCE_PATH_STYLE ??= 'true';
  } else {
    const port = await resolvePort('s3', ports.s3, ephemeral, log);
    starters.push({ name: 's3', run: () => startS3({ dir: join(root, 's3'), port, bucket }) });
  }

  if (given.SMTP_URL) {
    useExternal('smtp', given.SMTP_URL, ['SMTP_URL', 'MAIL_INBOX_URL']);
    // A real SMTP server has no inbox API; mailbox helpers report that clearly.
    env.MAIL_INBOX_URL ??= '';
  } else {
    const smtpPort = await resolvePort('smtp', ports.smtp, ephemeral, log);
    const inboxPort = await resolvePort('inbox', ports.inbox, ephemeral, log);
    const dir = ephemeral ? undefined : join(root, 'mail');
    starters.push({ name: 'mail', run: () => startMail({ dir, smtpPort, inboxPort, log }) });
  }

  if (given.OIDC_ISSUER_URL) {
    useExternal('oidc', given.OIDC_ISSUER_URL, ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']);
  } else {
    const port = await resolvePort('oidc', ports.oidc, ephemeral, log);
    starters.push({ name: 'oidc', run: () => startOidcProvider({ port, log }) });
  }

  if (given.WEBHOOK_RECEIVER_URL) {
    useExternal('webhooks', given.WEBHOOK_RECEIVER_URL, ['WEBHOOK_RECEIVER_URL']);
  } else {
    const port = await resolvePort('webhooks', ports.webhooks, ephemeral, log);
    const dir = ephemeral ? undefined : join(root, 'webhooks');
    starters.push({ name: 'webhooks', run: () => startWebhookReceiver({ dir, port, log }) });
  }

  const results = await Promise.allSettled(starters.map((s) => s.run()));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const service of [...started].reverse()) {
        try {
          await service.stop();
        } catch (error) {
          log(`${service.name}: error while stopping: ${String(error)}`);
        }
      }
      await releaseLock();
      if (ephemeral) await rm(root, { recursive: true, force: true });
    })();
    return stopping;
  };

  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }

  for (const service of started) Object.assign(env, service.env);
  const services: ServiceInfo[] = [
    ...started.map((s) => ({ name: s.name, url: s.url, external: false })),
    ...external,
  ];
  return { env, services, stop };
}
