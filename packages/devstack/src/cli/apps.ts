import { join } from 'node:path';
import type { AppSpec } from './children';

export interface AppPorts {
  api: number;
  web: number;
  worker: number;
}

/**
 * How long the production web server keeps an idle client connection. Next's default (5 s) is
 * shorter than what clients and load balancers keep theirs (60 s is common), and a request sent
 * on a connection the server is closing at that moment fails with `socket hang up`; the side
 * in front must always be the one to close. Same value as KEEP_ALIVE_TIMEOUT in web.Dockerfile
 * and `start` in apps/web/package.json.
 */
export const WEB_KEEP_ALIVE_TIMEOUT_MS = 75_000;

/** The three apps, as watch-mode sources (dev) or production builds (start). */
export function appSpecs(opts: {
  mode: 'dev' | 'start';
  repoRoot: string;
  ports: AppPorts;
  env: Record<string, string | undefined>;
}): AppSpec[] {
  const { mode, repoRoot, ports, env } = opts;
  const dir = (app: string) => join(repoRoot, 'apps', app);
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const next = join(dir('web'), 'node_modules', '.bin', 'next');
  const node = process.execPath;
  // tsx watch clears the terminal on every restart, which would wipe the other apps' output.
  const watch = (entry: string) => ['watch', '--clear-screen=false', entry];
  return [
    {
      name: 'api',
      color: 'blue',
      cwd: dir('api'),
      env,
      ...(mode === 'dev'
        ? { command: tsx, args: watch('src/server.ts') }
        : { command: node, args: ['--enable-source-maps', 'dist/server.js'] }),
    },
    {
      name: 'worker',
      color: 'magenta',
      cwd: dir('worker'),
      env,
      ...(mode === 'dev'
        ? { command: tsx, args: watch('src/main.ts') }
        : { command: node, args: ['--enable-source-maps', 'dist/main.js'] }),
    },
    {
      name: 'web',
      color: 'cyan',
      cwd: dir('web'),
      env,
      command: next,
      args:
        mode === 'dev'
          ? ['dev', '--port', String(ports.web)]
          : ['start', '--port', String(ports.web), '--keepAliveTimeout', String(WEB_KEEP_ALIVE_TIMEOUT_MS)],
    },
  ];
}
