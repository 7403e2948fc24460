import { type ChildProcess, spawn } from 'node:child_process';
import { type Color, paint, pipeLines, prefixer, useColor } from './output';

export interface AppProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface AppSpec {
  name: string;
  color: Color;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

/**
 * Spawns an app in its own process group (detached) so stopping it reaches everything it forked
 * (tsx watch → node, next → workers), and so Ctrl-C reaches only us: we stop apps before the
 * services they depend on.
 */
export function spawnApp(spec: AppSpec): AppProcess {
  const write = prefixer(spec.name, spec.color);
  const env = { ...spec.env, ...(useColor ? { FORCE_COLOR: '1' } : {}) };
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeLines(child.stdout as NonNullable<typeof child.stdout>, write);
  pipeLines(child.stderr as NonNullable<typeof child.stderr>, write);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      write(paint('red', `could not start ${spec.command}: ${error.message}`));
      resolve({ code: 127, signal: null });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { name: spec.name, child, exited };
}

function signalGroup(app: AppProcess, signal: NodeJS.Signals): void {
  if (app.child.pid === undefined) return;
  try {
    process.kill(-app.child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

const running = (app: AppProcess) => app.child.exitCode === null && app.child.signalCode === null;

/** SIGTERM to the whole group, SIGKILL after `timeoutMs`. */
export async function stopApp(app: AppProcess, timeoutMs = 10_000): Promise<void> {
  if (running(app)) signalGroup(app, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(app, 'SIGKILL'), timeoutMs);
  await app.exited;
  clearTimeout(timer);
  // The leader may exit before its own children (next's workers): finish the group off.
  signalGroup(app, 'SIGKILL');
}

/** Last resort on process exit (crash, unhandled error): nothing may outlive the CLI. */
export function killAllSync(apps: AppProcess[]): void {
  for (const app of apps) signalGroup(app, 'SIGKILL');
}
