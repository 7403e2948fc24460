import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { createOrgUser, type WorldUser } from '../orgs/orgs.test-support';
import { T0 } from './admin-audit.test-support';

/**
 * The export at scale: 100,000 rows streamed with bounded memory, a client that goes away, and a
 * database that fails half-way. The rows live in one organization of their own.
 */

const ROWS = 100_000;
const MB = 1024 * 1024;

const logLines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

let t: TestApp;
let admin: WorldUser;
const organizationId = randomUUID();

beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MAX: '100000' }, { logger: pino({ level: 'info' }, sink) });
  admin = await createOrgUser(t, { prefix: 'root', globalRole: 'admin' });
  // One statement: row g is g ms after T0, so row 100000 is the newest.
  const inserted = await t.deps.db.$executeRaw`
    INSERT INTO audit_logs (id, actor_id, action, target_type, target_id, ip, user_agent, request_id, diff, organization_id, created_at)
    SELECT uuidv7(), ${admin.id}::uuid, 'org.member_role_changed', 'user', 'target-' || g,
           '203.0.113.' || (g % 250),
           'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
           'rq-' || g,
           jsonb_build_object('before', jsonb_build_object('role', 'member', 'note', 'row, "' || g || '"'),
                              'after', jsonb_build_object('role', 'admin')),
           ${organizationId}::uuid,
           ${new Date(T0)}::timestamptz + g * interval '1 millisecond'
    FROM generate_series(1, ${ROWS}::int) AS g`;
  expect(inserted).toBe(ROWS);
  await t.deps.db.$executeRaw`ANALYZE audit_logs`;
}, 120_000);

afterAll(async () => {
  // Keep the per-worker database small for the files that run after this one.
  await t?.deps.db.auditLog.deleteMany({ where: { organizationId } });
  await t?.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

let listening: number | undefined;
async function listen(): Promise<number> {
  if (listening === undefined) {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    listening = (t.app.server.address() as AddressInfo).port;
  }
  return listening;
}

const logged = (prefix: string) => logLines.find((l) => String(l.msg).startsWith(prefix));

/** `global.gc` when node runs with --expose-gc; otherwise exposed at runtime (V8 allows it). */
function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const exportUrl = `/v1/admin/audit-logs/export?organizationId=${organizationId}`;

describe('audit CSV export of 100,000 rows', () => {
  it('streams every row in order with bounded memory', async () => {
    const gc = gcFunction();
    gc();
    const base = process.memoryUsage().heapUsed;
    let peakLive = 0;
    let peakRaw = 0;
    let bytes = 0;
    let lines = 0;
    let head = '';
    let tail = '';
    let sinceGc = 0;

    const res = await t.app.inject({
      url: exportUrl,
      headers: { authorization: admin.auth },
      payloadAsStream: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    for await (const chunk of res.stream() as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      // No field holds a line break in this data set, so CRLFs count the lines.
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      if (head.length < 1000) head += chunk.toString('utf8');
      tail = (tail + chunk.toString('utf8')).slice(-1000);
      peakRaw = Math.max(peakRaw, process.memoryUsage().heapUsed - base);
      // Every ~1 MB: what is still alive while streaming (garbage excluded).
      sinceGc += chunk.length;
      if (sinceGc >= MB) {
        sinceGc = 0;
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed - base);
      }
    }

    expect(lines).toBe(ROWS + 1);
    const [header, first] = head.split('\r\n');
    expect(header).toBe(
      'createdAt,action,actorId,actorEmail,impersonatorId,targetType,targetId,organizationId,ip,userAgent,requestId,diff',
    );
    expect(first).toMatch(
      new RegExp(
        `^${new Date(T0 + ROWS).toISOString()},org\\.member_role_changed,${admin.id},${admin.email.replace('.', '\\.')},,user,target-${ROWS},`,
      ),
    );
    expect(tail.endsWith('\r\n')).toBe(true);
    expect(tail.split('\r\n').at(-2)).toBe(
      [
        new Date(T0 + 1).toISOString(),
        'org.member_role_changed',
        admin.id,
        admin.email,
        '',
        'user',
        'target-1',
        organizationId,
        '203.0.113.1',
        'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
        'rq-1',
        // JSON.stringify of the stored diff, its quotes doubled for CSV.
        '"{""after"":{""role"":""admin""},""before"":{""note"":""row, \\""1\\"""",""role"":""member""}}"',
      ].join(','),
    );

    const summary = {
      csvMB: +(bytes / MB).toFixed(1),
      peakLiveMB: +(peakLive / MB).toFixed(1),
      peakRawMB: +(peakRaw / MB).toFixed(1),
    };
    console.info('audit export memory', summary);
    // Holding the rows would take several times the CSV size (Prisma objects, parsed JSON);
    // streaming holds about one batch of 1,000 rows.
    expect(bytes).toBeGreaterThan(25 * MB);
    expect(peakLive).toBeLessThan(16 * MB);
    expect(peakRaw).toBeLessThan(64 * MB);
  }, 180_000);

  it('stops querying when the client goes away', async () => {
    const findMany = vi.spyOn(t.deps.db.auditLog, 'findMany');
    const port = await listen();
    // node:http without an agent: exactly one connection, torn down after the first bytes.
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`http://127.0.0.1:${port}${exportUrl}`, {
        agent: false,
        headers: { authorization: admin.auth },
      });
      req.on('response', (res) => {
        expect(res.statusCode).toBe(200);
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
    });
    // Socket buffers let a few batches through before backpressure; then it stops for good.
    await vi.waitFor(() => expect(logged('audit export stopped')).toMatchObject({ level: 30 }), {
      timeout: 10_000,
    });
    const atStop = findMany.mock.calls.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(findMany.mock.calls.length).toBe(atStop);
    expect(atStop).toBeGreaterThan(0);
    expect(atStop).toBeLessThan(ROWS / 1000 / 2);
    expect(Number(logged('audit export stopped')?.rowCount)).toBeLessThan(ROWS / 2);
  }, 60_000);

  it('cuts the response (no clean end) when the database fails mid-stream, and logs it', async () => {
    const original = t.deps.db.auditLog.findMany.bind(t.deps.db.auditLog);
    let calls = 0;
    vi.spyOn(t.deps.db.auditLog, 'findMany').mockImplementation(((args: Parameters<typeof original>[0]) =>
      ++calls <= 2
        ? original(args)
        : Promise.reject(new Error('Connection terminated unexpectedly'))) as never);
    const port = await listen();
    const outcome = await new Promise<{ status?: number; bytes: number; complete: boolean; error?: string }>(
      (resolve) => {
        let bytes = 0;
        const req = http.get(`http://127.0.0.1:${port}${exportUrl}`, {
          agent: false,
          headers: { authorization: admin.auth },
        });
        req.on('response', (res) => {
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on('error', (error) =>
            resolve({ status: res.statusCode, bytes, complete: res.complete, error: error.message }),
          );
          res.on('end', () => resolve({ status: res.statusCode, bytes, complete: res.complete }));
        });
        req.on('error', (error) => resolve({ bytes, complete: false, error: error.message }));
      },
    );
    // Headers went out as 200 with the first batches; the failure can only cut the body, so the
    // client sees an aborted transfer, never a clean end that would pass for a complete file.
    expect(outcome.status).toBe(200);
    expect(outcome.complete).toBe(false);
    expect(outcome.error).toBeDefined();
    expect(outcome.bytes).toBeGreaterThan(0);
    expect(calls).toBe(3);
    await vi.waitFor(() =>
      expect(logged('audit export failed mid-stream')).toMatchObject({ level: 50, rowCount: 2000 }),
    );
  }, 60_000);
});
