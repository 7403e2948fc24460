/**
 * Admin user list scenarios for `pnpm bench` (D1, F3): 100,000 users in a scratch database, the
 * list through the real API (HTTP, a second API process pointed at that database) versus the very
 * same SQL through `pg`, with the same concurrency. The ratio is API req/s ÷ pg req/s: what HTTP,
 * auth, validation, Prisma and serialization cost on top of the query itself.
 *
 * The SQL comes from `buildUserListQuery`, the function the API runs, so both sides execute the
 * identical statement and parameters (checked before measuring: same ids on the first page). The
 * API sets the trigram threshold per transaction (SET LOCAL, an extra round trip); the pg side
 * sets it once per connection (startup parameter) — the difference is part of what the ratio shows.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  type AdminUserListRow,
  adminUserListCursorAfter,
  buildUserListQuery,
  hashPassword,
  WORD_SIMILARITY_THRESHOLD,
} from '@repo/api/bench';
import { AdminUserListQuery } from '@repo/contracts';
import { migrate } from '@repo/db/migrate';
import { ADMIN_BENCH_USERS, seedAdminUsers } from './admin-users-seed';
import { BENCH_PASSWORD } from './identity';
import { type PgPool, pg } from './pg';

export interface LoadResult {
  name: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface StartedApi {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface AdminBenchOptions {
  /** A server URL where a scratch database may be created (CREATE DATABASE). */
  serverUrl: string;
  startApi(databaseUrl: string): Promise<StartedApi>;
  /** run.ts's autocannon runner. */
  load(scenario: {
    name: string;
    url: string;
    pid: number | undefined;
    requests: unknown[];
    connections: number;
  }): Promise<LoadResult & Record<string, unknown>>;
  durationSeconds: number;
  /** Concurrent requests on both sides; defaults to the API's database pool size (10). */
  connections?: number;
}

export interface AdminBenchRow {
  name: string;
  query: string;
  api: LoadResult & Record<string, unknown>;
  pg: { reqPerSec: number; p50Ms: number; p99Ms: number };
  /** API req/s ÷ pg req/s. */
  ratio: number;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Closed-loop load like autocannon's: `connections` workers, each firing as soon as it is answered. */
async function pgLoad(pool: PgPool, text: string, values: unknown[], connections: number, seconds: number) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const start = performance.now();
        await pool.query(text, values);
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    reqPerSec: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  };
}

async function signIn(apiUrl: string, email: string): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD, tokenDelivery: 'body' }),
  });
  if (!res.ok) throw new Error(`bench admin sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
}

export async function adminUserScenarios(opts: AdminBenchOptions): Promise<AdminBenchRow[]> {
  const connections = opts.connections ?? 10;
  const name = `gw_bench_admin_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: opts.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  const databaseUrl = withDatabase(opts.serverUrl, name);
  let api: StartedApi | undefined;
  // The per-connection equivalent of the API's SET LOCAL, as a startup parameter (pg_trgm adopts
  // the placeholder value when it loads).
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: connections,
    options: `-c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}`,
  });
  try {
    await migrate({ url: databaseUrl });
    const started = performance.now();
    await seedAdminUsers(databaseUrl);
    console.info(`seeded ${ADMIN_BENCH_USERS} users in ${Math.round(performance.now() - started)} ms`);
    const email = `bench-admin-${randomBytes(3).toString('hex')}@example.test`;
    await pool.query(
      `INSERT INTO users (id, email, name, role, password_hash, email_verified_at, created_at, updated_at)
       VALUES (uuidv7(), $1, 'Bench Admin', 'admin', $2, now(), now(), now())`,
      [email, await hashPassword(BENCH_PASSWORD)],
    );
    api = await opts.startApi(databaseUrl);
    const token = await signIn(api.url, email);

    // A cursor 60,000 rows deep into the name-sorted, filtered list: keyset makes it cost what
    // the first page costs (OFFSET would read and discard 60,000 rows).
    // The row is read in the list's own row shape; the API's list makes the cursor from it.
    const byName = { role: 'user', verified: 'true', sort: 'name:asc' };
    const deep = await pool.query<AdminUserListRow>(
      `SELECT id::text AS id, email, name, role::text AS role, email_verified_at, disabled_at,
              deleted_at, created_at, NULL::real AS rank, false AS two_factor_enabled,
              NULL::timestamptz AS last_sign_in_at
       FROM users
       WHERE role = 'user' AND deleted_at IS NULL AND email_verified_at IS NOT NULL
       ORDER BY name, id OFFSET 60000 LIMIT 1`,
    );
    const deepRow = deep.rows[0];
    if (!deepRow) throw new Error('bench: not enough rows for the deep page');
    const deepCursor = adminUserListCursorAfter(AdminUserListQuery.parse(byName), deepRow);

    const cases: [string, Record<string, string>][] = [
      [
        'search "Ada Lovlace" + active + verified, by relevance',
        { q: 'Ada Lovlace', status: 'active', verified: 'true' },
      ],
      ['search "hoper" + no 2FA, newest first', { q: 'hoper', twoFactor: 'false', sort: 'createdAt:desc' }],
      ['role=user + verified, by name, first page', byName],
      ['role=user + verified, by name, cursor at row 60k', { ...byName, cursor: deepCursor }],
    ];

    const rows: AdminBenchRow[] = [];
    for (const [label, params] of cases) {
      const search = new URLSearchParams({ ...params, limit: '50' });
      const path = `/v1/admin/users?${search}`;
      const query = AdminUserListQuery.parse(Object.fromEntries(search));
      const { sql } = buildUserListQuery(query);

      // Same statement, same answer: compare the first page before timing anything.
      const headers = { authorization: `Bearer ${token}` };
      const viaApi = await fetch(`${api.url}${path}`, { headers });
      if (!viaApi.ok) throw new Error(`bench: ${path} → ${viaApi.status} ${await viaApi.text()}`);
      const apiIds = ((await viaApi.json()) as { users: { id: string }[] }).users.map((u) => u.id);
      const pgIds = (await pool.query<{ id: string }>(sql.text, sql.values)).rows
        .slice(0, 50)
        .map((r) => r.id);
      if (apiIds.length === 0 || JSON.stringify(apiIds) !== JSON.stringify(pgIds)) {
        throw new Error(`bench: API and pg disagree for ${path} (${apiIds.length} vs ${pgIds.length} rows)`);
      }

      // Warm both sides (JIT, pools, plan caches) before measuring.
      for (let i = 0; i < 20; i++) await fetch(`${api.url}${path}`, { headers });
      await pgLoad(pool, sql.text, sql.values, connections, 1);

      const apiResult = await opts.load({
        name: `admin list: ${label}`,
        url: api.url,
        pid: api.pid,
        connections,
        requests: [{ method: 'GET', path, headers }],
      });
      const pgResult = await pgLoad(pool, sql.text, sql.values, connections, opts.durationSeconds);
      const ratio = Number((apiResult.reqPerSec / Math.max(1, pgResult.reqPerSec)).toPrecision(3));
      console.info(
        `${'  same SQL through pg'.padEnd(22)} ${String(pgResult.reqPerSec).padStart(7)} req/s  p50 ${pgResult.p50Ms} ms  p99 ${pgResult.p99Ms} ms  → API/pg ${ratio}`,
      );
      rows.push({
        name: label,
        query: path.replace(/cursor=[^&]+/, 'cursor=…'),
        api: apiResult,
        pg: pgResult,
        ratio,
      });
    }
    return rows;
  } finally {
    await pool.end().catch(() => {});
    await api?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
