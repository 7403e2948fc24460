import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { isRunning, sleep, tailBuffer, terminate } from './process';
import { DevstackError, type RunningService, type ServiceStartOptions } from './types';

const MISSING_BINARY =
  '`redis-server` was not found on PATH. No npm package ships a Redis server, so install it with ' +
  'your system package manager (`sudo apt-get install redis-server` on Debian/Ubuntu, ' +
  '`brew install redis` on macOS) — `bin/setup` does this for you — or set REDIS_URL to an existing Redis.';

async function waitForPing(port: number, isAlive: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    const client = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not listening yet
    } finally {
      client.disconnect();
    }
    await sleep(50);
  }
  throw new Error('Redis did not answer PING');
}

export async function startRedis(opts: ServiceStartOptions): Promise<RunningService> {
  const { dir, port, ephemeral, log } = opts;
  await mkdir(dir, { recursive: true });
  const config: Record<string, string> = {
    port: String(port),
    bind: '127.0.0.1',
    dir,
    // BullMQ needs every key kept: evicting a job key silently loses work.
    'maxmemory-policy': 'noeviction',
    save: '',
    // Dev keeps queued jobs across restarts; tests throw everything away.
    appendonly: ephemeral ? 'no' : 'yes',
    daemonize: 'no',
    loglevel: 'warning',
  };
  const args = Object.entries(config).flatMap(([key, value]) => [`--${key}`, value]);
  const output = tailBuffer();
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new DevstackError(MISSING_BINARY) : error),
    ),
  );
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let stopping = false;
  child.once('exit', (code, signal) => {
    // Code 0 is a clean shutdown — e.g. Ctrl-C reaching redis before our stop() does.
    if (!stopping && code !== 0)
      log(`redis: exited unexpectedly (code ${code}, signal ${signal})\n${output.text()}`);
  });

  try {
    await Promise.race([spawnError, waitForPing(port, () => isRunning(child))]);
  } catch (cause) {
    await terminate(child, 2_000);
    if (cause instanceof DevstackError) throw cause;
    throw new DevstackError(`Redis failed to start on port ${port}:\n${output.text()}`, { cause });
  }

  const url = `redis://127.0.0.1:${port}`;
  return {
    name: 'redis',
    url,
    env: { REDIS_URL: url },
    async stop() {
      stopping = true;
      await terminate(child, 10_000);
    },
  };
}
