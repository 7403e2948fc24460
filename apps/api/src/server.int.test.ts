import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
const servers: Server[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function start(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    exited.then(() => reject(new Error(`exited before listening:\n${stderr}`)));
  });
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('server entry point', () => {
  it('exits 1 naming every invalid variable on bad env', async () => {
    const proc = start({ API_PORT: 'not-a-port', DATABASE_URL: 'mysql://x/y', REDIS_URL: undefined });
    proc.listening.catch(() => {});
    expect(await proc.exited).toBe(1);
    const { stderr } = proc.output();
    expect(stderr).toContain('API_PORT');
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).toContain('REDIS_URL');
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/); // a list of variables, not a stack trace
  });

  it('serves, and on SIGTERM finishes the in-flight request before exiting 0', async () => {
    // An "S3" that accepts connections and never answers keeps /readyz in flight for its 2 s deadline.
    const blackhole = createServer((s) => sockets.push(s));
    servers.push(blackhole);
    blackhole.listen(0, '127.0.0.1');
    await once(blackhole, 'listening');
    const port = (blackhole.address() as { port: number }).port;
    const connected = once(blackhole, 'connection');

    const proc = start({ S3_ENDPOINT: `http://127.0.0.1:${port}` });
    const base = await proc.listening;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const inFlight = fetch(`${base}/readyz`);
    await connected; // the request is now being handled
    proc.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(503);
    expect(((await res.json()) as { checks: { s3: { status: string } } }).checks.s3.status).toBe('fail');
    expect(await proc.exited).toBe(0);
    expect(proc.output().stdout).toContain('shutting down');
  });
});
