import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the stack runner's `--write-urls` file holds that this script needs. */
export type StackUrls = { webUrl: string; mailInboxUrl: string };

export type Stack = StackUrls & { stop: () => Promise<void> };

export type Ports = { web: number; api: number; workerHealth: number };

export function readStackUrls(file: string): StackUrls {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackUrls>;
  if (!data.webUrl || !data.mailInboxUrl) throw new Error(`${file} has no webUrl or mailInboxUrl`);
  return { webUrl: data.webUrl, mailInboxUrl: data.mailInboxUrl };
}

/** A stack somebody else started (`pnpm start --write-urls <file>`): measured, never stopped. */
export function existingStack(urlsFile: string): Stack {
  return { ...readStackUrls(urlsFile), stop: async () => {} };
}

/**
 * Starts the production stack the way the end-to-end suite does (`start --ephemeral --no-build`:
 * throw-away data, the apps from the last `pnpm build`) and resolves once every app answers.
 */
export async function startStack(root: string, ports: Ports): Promise<Stack> {
  const urlsFile = join(tmpdir(), `groundwork-lighthouse-urls-${ports.web}.json`);
  rmSync(urlsFile, { force: true });
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'packages/devstack/src/cli.ts',
      'start',
      '--ephemeral',
      '--no-build',
      '--write-urls',
      urlsFile,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WEB_PORT: String(ports.web),
        API_PORT: String(ports.api),
        WORKER_HEALTH_PORT: String(ports.workerHealth),
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () => stopChild(child);

  const deadline = Date.now() + 240_000;
  while (!existsSync(urlsFile)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the stack runner exited during start-up:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the stack did not start within 4 minutes:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // The runner writes the file in one call once everything answers; a partial read is retried.
  await new Promise((r) => setTimeout(r, 100));
  return { ...readStackUrls(urlsFile), stop };
}

/** SIGTERM lets the runner stop the apps and services and remove its temporary data. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
