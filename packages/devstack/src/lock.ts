import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pidAlive } from './process';
import { DevstackError } from './types';

/**
 * One stack per data dir: a second `pnpm dev` on the same `.data` would fight over the Redis AOF
 * and the Postgres cluster. Returns a release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'devstack.pid');
  const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (owner !== process.pid && pidAlive(owner)) {
    throw new DevstackError(
      `${dataDir} is already used by another running dev stack (pid ${owner}). ` +
        'Stop it, or set GROUNDWORK_DATA_DIR to another directory to run a second stack.',
    );
  }
  await writeFile(file, String(process.pid));
  return async () => {
    const current = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (current === process.pid) await rm(file, { force: true });
  };
}
