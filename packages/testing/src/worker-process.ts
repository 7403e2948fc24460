import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { testEnv } from './env';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  healthUrl: string;
  /** Everything the worker printed, for failure messages. */
  output: string[];
  /** Stops the worker (default SIGKILL: tests that check a graceful drain send SIGTERM themselves). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * Starts the real worker (apps/worker) as a child process with this test's environment, and
 * resolves once its /readyz answers 200, so mails and jobs are handled as in production.
 */
export async function startWorkerProcess(
  overrides: Record<string, string | undefined> = {},
  timeoutMs = 30_000,
): Promise<WorkerProcess> {
  const port = await freePort();
  const healthUrl = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: repoRoot,
    env: testEnv({ LOG_LEVEL: 'info', ...overrides, WORKER_HEALTH_PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };

  const deadline = Date.now() + timeoutMs;
  while ((await fetch(`${healthUrl}/readyz`).catch(() => null))?.status !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`worker did not become ready\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, healthUrl, output, stop };
}
