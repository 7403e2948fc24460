import { join } from 'node:path';
import type { AppSpec } from './children';

export interface AppPorts {
  api: number;
  web: number;
  worker: number;
}

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
      args: [mode === 'dev' ? 'dev' : 'start', '--port', String(ports.web)],
    },
  ];
}
