/**
 * `pnpm bench`: loads a bare Fastify baseline and the real API (child processes on loopback) with
 * autocannon, then writes bench/results/<date>.json and bench/results/latest.md. Numbers are
 * reported as ratios to the baseline measured in the same run (machines here are noisy).
 *
 * BENCH_DURATION (seconds per scenario, default 5) and BENCH_CONNECTIONS (default 50) tune it.
 * The admin user list (bench/admin-users.ts) runs against its own scratch database of 100,000 users
 * and is reported as a ratio to the same SQL through `pg`. Webhook delivery (bench/webhooks.ts) is
 * reported as a ratio to raw undici POSTs (BENCH_WEBHOOK_MESSAGES events × 10 endpoints, default 300).
 * Starting an upload (bench/files.ts) is reported as a ratio to GET /v1/me. BENCH_ONLY=files runs the
 * baseline and that scenario alone (a quick check while working on files).
 * Services come from the environment when DATABASE_URL/REDIS_URL/S3_ENDPOINT are set, otherwise
 * an ephemeral devstack is started and stopped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '@repo/db/migrate';
import { startDevstack } from '@repo/devstack';
import { type AdminBenchRow, adminUserScenarios, type StartedApi } from './admin-users';
import { filesScenarios, filesTable } from './files';
import { meRequests, prepareUsers, refreshRequests, signInRequests } from './identity';
import { webhookScenarios, webhookTable } from './webhooks';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '5xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const root = fileURLToPath(new URL('..', import.meta.url));
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const only = process.env.BENCH_ONLY;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function stop(child: ChildProcess): Promise<void> {
  // Already gone (exited, or killed by a signal: then exitCode stays null) — 'exit' will not fire again.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Scenario {
  name: string;
  url: string;
  pid: number | undefined;
  /** autocannon request definitions (method, body, per-connection setup) for non-trivial GETs. */
  requests?: unknown[];
  /** Fewer connections for scenarios bounded by CPU-heavy work (argon2id) or per-user state. */
  connections?: number;
}

async function load({ name, url, pid, requests, connections: conns = connections }: Scenario) {
  const opts = { url, connections: conns, ...(requests ? { requests } : {}) };
  if (!requests) await autocannon({ ...opts, duration: 1 }); // warm-up (JIT, pools)
  const r = await autocannon({ ...opts, duration });
  const result = {
    name,
    url: new URL(url).pathname,
    reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    rssMb: rssMb(pid),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
  console.info(
    `${name.padEnd(22)} ${String(result.reqPerSec).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  RSS ${result.rssMb} MB`,
  );
  return result;
}

async function identityScenarios(apiUrl: string, databaseUrl: string, pid: number | undefined) {
  const users = await prepareUsers(apiUrl, databaseUrl, connections);
  // argon2id is deliberately slow: 2 cores verify a few hundred per second, so more connections
  // than cores only queue; sign-in uses its own users so its sessions do not disturb the others.
  const signInUsers = await prepareUsers(apiUrl, databaseUrl, 4);
  return [
    await load({ name: 'api GET /v1/me (bearer)', url: `${apiUrl}/v1/me`, pid, requests: meRequests(users) }),
    await load({ name: 'api POST /v1/auth/refresh', url: apiUrl, pid, requests: refreshRequests(users) }),
    await load({
      name: 'api POST /v1/auth/sign-in',
      url: apiUrl,
      pid,
      requests: signInRequests(signInUsers),
      connections: signInUsers.length,
    }),
  ];
}

const children: ChildProcess[] = [];

/** The real API as a child process on loopback, against `databaseUrl`. */
async function startApi(env: Record<string, string | undefined>, databaseUrl: string): Promise<StartedApi> {
  const apiPort = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(root, 'apps/api'),
    // Production-like: info logs (written to /dev/null, still serialized), limiter on but high.
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      RATE_LIMIT_MAX: '1000000000',
      REDIS_PREFIX: 'bench',
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      COOKIE_SECURE: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${apiPort}`;
  await waitFor(`${url}/healthz`, child);
  return { url, pid: child.pid, stop: () => stop(child) };
}

function adminTable(rows: AdminBenchRow[]): string[] {
  if (rows.length === 0) return [];
  return [
    '## Admin user list over 100,000 users: API vs the same SQL through pg',
    '',
    'Same statement and parameters on both sides, same concurrency (10, the API pool size). Ratio = API req/s ÷ pg req/s.',
    '',
    '| Scenario | API req/s | API p50 ms | API p99 ms | pg req/s | pg p50 ms | pg p99 ms | ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.api.reqPerSec} | ${r.api.p50Ms} | ${r.api.p99Ms} | ${r.pg.reqPerSec} | ${r.pg.p50Ms} | ${r.pg.p99Ms} | ${r.ratio} |`,
    ),
    '',
  ];
}
let stack: Awaited<ReturnType<typeof startDevstack>> | undefined;
let dataDir: string | undefined;
try {
  let env: Record<string, string | undefined> = process.env;
  if (!env.DATABASE_URL || !env.REDIS_URL || !env.S3_ENDPOINT) {
    dataDir = await mkdtemp(join(tmpdir(), 'groundwork-bench-'));
    stack = await startDevstack({ dataDir, ephemeral: true, env: process.env });
    env = { ...process.env, ...stack.env };
  }

  await migrate({ url: env.DATABASE_URL ?? '' });

  const barePort = await freePort();
  const bare = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/bare-server.ts'), String(barePort)],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(bare);

  const api = await startApi(env, env.DATABASE_URL ?? '');
  await waitFor(`http://127.0.0.1:${barePort}/hello`, bare);

  const baseline = await load({
    name: 'bare fastify /hello',
    url: `http://127.0.0.1:${barePort}/hello`,
    pid: bare.pid,
  });
  const scenarios = [
    baseline,
    await load({ name: 'api /healthz', url: `${api.url}/healthz`, pid: api.pid }),
    await load({ name: 'api /v1/meta', url: `${api.url}/v1/meta`, pid: api.pid }),
    ...(only === 'files' ? [] : await identityScenarios(`${api.url}`, env.DATABASE_URL ?? '', api.pid)),
  ].map((s) => ({ ...s, ratio: Number((s.reqPerSec / baseline.reqPerSec).toPrecision(3)) }));

  const files = await filesScenarios({
    apiUrl: api.url,
    databaseUrl: env.DATABASE_URL ?? '',
    pid: api.pid,
    connections,
    load,
  });

  const adminUsers =
    only === 'files'
      ? []
      : await adminUserScenarios({
          serverUrl: env.DATABASE_URL ?? '',
          startApi: (databaseUrl) => startApi(env, databaseUrl),
          load,
          durationSeconds: duration,
        });

  const webhooks =
    only === 'files'
      ? null
      : await webhookScenarios({
          root,
          databaseUrl: env.DATABASE_URL ?? '',
          redisUrl: env.REDIS_URL ?? '',
          freePort,
          children,
          waitFor,
          messages: Number(process.env.BENCH_WEBHOOK_MESSAGES ?? 300),
        });

  const date = new Date().toISOString();
  const report = {
    date,
    node: process.version,
    cpus: cpus().length,
    durationSeconds: duration,
    connections,
    scenarios,
    adminUsers,
    webhooks,
    files,
  };
  const dir = join(root, 'bench/results');
  await mkdir(dir, { recursive: true });
  // A partial run (BENCH_ONLY) never overwrites the full report.
  const suffix = only ? `-${only}` : '';
  await writeFile(join(dir, `${date.slice(0, 10)}${suffix}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const rows = scenarios.map(
    (s) =>
      `| ${s.name} | ${s.reqPerSec} | ${s.ratio} | ${s.p50Ms} | ${s.p99Ms} | ${s.rssMb} | ${s.non2xx + s.errors} |`,
  );
  await writeFile(
    join(dir, `latest${suffix}.md`),
    [
      `# Benchmark ${date}`,
      '',
      `Node ${process.version}, ${cpus().length} CPUs, ${connections} connections, ${duration} s per scenario, loopback.`,
      'Ratio = req/s relative to the bare Fastify baseline measured in the same run.',
      '',
      '| Scenario | req/s | ratio | p50 ms | p99 ms | RSS MB | non-2xx + errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      ...adminTable(adminUsers),
      ...filesTable(files),
      ...(webhooks ? webhookTable(webhooks) : []),
    ].join('\n'),
  );
  console.info(
    `written bench/results/${date.slice(0, 10)}${suffix}.json and bench/results/latest${suffix}.md`,
  );
  // Under load the API must answer every request: a 5xx or error fails the run.
  if (
    [...scenarios, ...adminUsers.map((a) => a.api), files.me, files.presign].some(
      (s) => s.non2xx > 0 || s.errors > 0,
    )
  ) {
    console.error('some requests failed (non-2xx or socket errors)');
    process.exitCode = 1;
  }
} finally {
  await Promise.all(children.map(stop));
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
