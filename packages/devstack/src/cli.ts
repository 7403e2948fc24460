/**
 * The stack runner behind `pnpm dev` and `pnpm start`: embedded services, migrations, seed, then
 * api + worker + web as child processes with one merged environment. See `cli/args.ts` for usage.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appSpecs } from './cli/apps';
import { parseArgs } from './cli/args';
import { banner, type StackUrls } from './cli/banner';
import { type AppProcess, killAllSync, spawnApp, stopApp } from './cli/children';
import { prepareDatabase } from './cli/database';
import { paint, prefixer } from './cli/output';
import { waitForHttp } from './cli/readiness';
import { loadOrCreateSecrets } from './cli/secrets';
import { startDevstack } from './devstack';
import { pickPort } from './ports';
import { DEFAULT_PORTS, type Devstack, DevstackError } from './types';
import { DEV_WEBHOOK_GUARD } from './webhooks';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const say = prefixer('stack', 'green');
const fail = (line: string) => say(paint('red', line));

let stackPromise: Promise<Devstack> | undefined;
let apps: AppProcess[] = [];
let stopping = false;
let tempDataDir: string | undefined;

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  try {
    if (apps.length > 0) say('stopping apps…');
    await Promise.all(apps.map((app) => stopApp(app)));
    const stack = await stackPromise?.catch(() => undefined);
    if (stack) {
      say('stopping services…');
      await stack.stop();
    }
    if (tempDataDir) await rm(tempDataDir, { recursive: true, force: true });
  } catch (error) {
    fail(`error while stopping: ${String(error)}`);
    code = code || 1;
  }
  process.exit(code);
}

function installSignalHandlers(): void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      fail(`${signal} again: killing everything now`);
      killAllSync(apps);
      process.exit(1);
    }
    say(`${signal} received, shutting down (press Ctrl-C again to force)`);
    void shutdown(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  // Apps live in their own process groups; whatever happens to us, they must not outlive us.
  process.on('exit', () => killAllSync(apps));
  // A bug in an event handler must still stop Postgres and Redis rather than orphan them.
  process.on('uncaughtException', (error) => {
    fail(`internal error: ${error.stack ?? error.message}`);
    void shutdown(1);
  });
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const envFile = join(repoRoot, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile); // never overrides variables already set
  // Node 20 is supported on purpose (ADR); the AWS SDK's Node 22 notice is noise in every process.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const env = process.env;
  installSignalHandlers();

  if (args.mode === 'start' && args.build) {
    say('building api, worker and web (skip with --no-build)…');
    const filters = ['@repo/api', '@repo/worker', '@repo/web'].map((f) => `--filter=${f}`);
    const code = await run('pnpm', ['turbo', 'run', 'build', ...filters]);
    if (code !== 0) {
      fail(`build failed (exit code ${code})`);
      return shutdown(1);
    }
  }

  const ephemeral = args.ephemeral;
  if (ephemeral) tempDataDir = await mkdtemp(join(tmpdir(), 'groundwork-stack-'));
  const dataDir = tempDataDir ?? resolve(repoRoot, env.GROUNDWORK_DATA_DIR || '.data');
  // Ports from .env are preferences, not demands: if one is taken (a second stack, a test run),
  // the next free one is used and logged. --ephemeral takes free ports for the services, but
  // app ports set explicitly are exact: Playwright must know the web URL before the stack starts.
  const pick = (label: string, fallback: number, ...names: string[]) => {
    const configured = names.map((n) => Number(env[n])).find((n) => Number.isInteger(n) && n > 0);
    const isApp = label === 'api' || label === 'web' || label === 'worker';
    const requested = ephemeral && isApp ? configured : undefined;
    return pickPort({ label, preferred: configured ?? fallback, requested, ephemeral, log: say });
  };
  const ports = {
    postgres: await pick('postgres', DEFAULT_PORTS.postgres, 'DEV_POSTGRES_PORT'),
    redis: await pick('redis', DEFAULT_PORTS.redis, 'DEV_REDIS_PORT'),
    s3: await pick('s3', DEFAULT_PORTS.s3, 'DEV_S3_PORT'),
    smtp: await pick('smtp', DEFAULT_PORTS.smtp, 'DEV_SMTP_PORT'),
    inbox: await pick('inbox', DEFAULT_PORTS.inbox, 'DEV_INBOX_PORT'),
    oidc: await pick('oidc', DEFAULT_PORTS.oidc, 'DEV_OIDC_PORT'),
    webhooks: await pick('webhooks', DEFAULT_PORTS.webhooks, 'DEV_WEBHOOKS_PORT'),
    api: await pick('api', 4000, 'API_PORT'),
    web: await pick('web', 3000, 'WEB_PORT', 'PORT'),
    worker: await pick('worker', 4001, 'WORKER_HEALTH_PORT'),
  };
  say(`starting services (data: ${dataDir})…`);
  stackPromise = startDevstack({ dataDir, ephemeral, env, log: (line) => say(line), ports });
  const stack = await stackPromise;
  if (stopping) return;

  const secrets = loadOrCreateSecrets(dataDir);
  const dbLog = prefixer('db', 'yellow');
  const seeded = await prepareDatabase({
    repoRoot,
    url: stack.env.DATABASE_URL ?? '',
    dataDir,
    log: dbLog,
    // The seed points the demo organization's webhook endpoint at the local receiver.
    seedEnv: {
      NODE_ENV: env.NODE_ENV,
      WEBHOOK_RECEIVER_URL: stack.env.WEBHOOK_RECEIVER_URL,
      TOTP_ENCRYPTION_KEY: env.TOTP_ENCRYPTION_KEY ?? secrets.TOTP_ENCRYPTION_KEY,
    },
  });
  if (stopping) return;

  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const webUrl = `http://localhost:${ports.web}`;
  const appUrl =
    env.APP_URL && !/^https?:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(env.APP_URL) ? env.APP_URL : webUrl;
  const childEnv = {
    ...env,
    ...stack.env,
    NODE_ENV: args.mode === 'dev' ? 'development' : 'production',
    API_HOST: env.API_HOST ?? '127.0.0.1',
    API_PORT: String(ports.api),
    WEB_PORT: String(ports.web),
    PORT: String(ports.web),
    WORKER_HEALTH_PORT: String(ports.worker),
    API_URL: apiUrl,
    // Browsers reach the API through the web app's /api proxy on this machine, so the API takes
    // the client address from loopback hops only; the web takes it from the TCP peer (no load
    // balancer in front). ADR 0020.
    TRUST_PROXY: env.TRUST_PROXY ?? 'loopback',
    WEB_TRUST_PROXY: env.WEB_TRUST_PROXY ?? 'false',
    // A public APP_URL (a tunnel, a staging host) is kept; a local one follows the actual port.
    APP_URL: appUrl,
    AUTH_JWT_SECRET: env.AUTH_JWT_SECRET ?? secrets.AUTH_JWT_SECRET,
    TOTP_ENCRYPTION_KEY: env.TOTP_ENCRYPTION_KEY ?? secrets.TOTP_ENCRYPTION_KEY,
    // "Sign in with Dev SSO" against the local OpenID provider, unless providers are configured.
    OIDC_PROVIDERS:
      env.OIDC_PROVIDERS ??
      (stack.env.OIDC_ISSUER_URL
        ? JSON.stringify([
            {
              id: 'dev',
              label: 'Dev SSO',
              issuer: stack.env.OIDC_ISSUER_URL,
              clientId: stack.env.OIDC_CLIENT_ID,
              clientSecret: stack.env.OIDC_CLIENT_SECRET,
            },
          ])
        : '[]'),
    // The local webhook receiver is plain http on loopback, which the outbound guard refuses by
    // default; the dev stack alone opens exactly that (docs/webhooks.md). An env that sets either
    // variable keeps its own value.
    WEBHOOK_ALLOW_HTTP: env.WEBHOOK_ALLOW_HTTP ?? DEV_WEBHOOK_GUARD.WEBHOOK_ALLOW_HTTP,
    WEBHOOK_ALLOWED_CIDRS: env.WEBHOOK_ALLOWED_CIDRS ?? DEV_WEBHOOK_GUARD.WEBHOOK_ALLOWED_CIDRS,
    // Secure cookies need HTTPS; a plain-http local stack uses unprefixed, non-Secure ones.
    COOKIE_SECURE: env.COOKIE_SECURE ?? String(appUrl.startsWith('https://')),
  };

  apps = appSpecs({ mode: args.mode, repoRoot, ports, env: childEnv }).map(spawnApp);
  let ready = false;
  for (const app of apps) {
    void app.exited.then(({ code, signal }) => {
      if (stopping) return;
      fail(
        `${app.name} exited ${ready ? 'unexpectedly' : 'during start-up'} (code ${code}, signal ${signal}); stopping everything`,
      );
      void shutdown(1);
    });
  }

  const byName = (name: string) => apps.find((a) => a.name === name)?.exited ?? Promise.resolve();
  const slow = args.mode === 'dev' ? 300_000 : 90_000; // next dev compiles the first page on request
  try {
    await Promise.all([
      waitForHttp({ url: `${apiUrl}/readyz`, timeoutMs: 90_000, gaveUp: byName('api') }),
      waitForHttp({
        url: `http://127.0.0.1:${ports.worker}/readyz`,
        timeoutMs: 90_000,
        gaveUp: byName('worker'),
      }),
      waitForHttp({
        url: `http://127.0.0.1:${ports.web}/en`,
        timeoutMs: slow,
        accept: (status) => status >= 200 && status < 400,
        gaveUp: byName('web'),
      }),
    ]);
  } catch (error) {
    if (stopping) return;
    fail(`start-up failed: ${(error as Error).message}`);
    return shutdown(1);
  }
  if (stopping) return;
  ready = true;

  const urls: StackUrls = {
    webUrl,
    apiUrl,
    apiReferenceUrl: `${apiUrl}/reference`,
    workerHealthUrl: `http://127.0.0.1:${ports.worker}/readyz`,
    mailInboxUrl: stack.env.MAIL_INBOX_URL ?? '',
    webhookReceiverUrl: stack.env.WEBHOOK_RECEIVER_URL ?? '',
    databaseUrl: stack.env.DATABASE_URL ?? '',
    redisUrl: stack.env.REDIS_URL ?? '',
    s3Endpoint: stack.env.S3_ENDPOINT ?? '',
    smtpUrl: stack.env.SMTP_URL ?? '',
    logins: seeded.logins,
    ...(seeded.notice ? { seedNotice: seeded.notice } : {}),
  };
  if (args.writeUrls) await writeFile(args.writeUrls, `${JSON.stringify(urls, null, 2)}\n`);
  process.stdout.write(`${banner(urls, args.mode)}\n`);
}

main().catch(async (error: unknown) => {
  if (error instanceof DevstackError) fail(error.message);
  else fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await shutdown(1);
});
