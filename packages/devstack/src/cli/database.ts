import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb, type Db } from '@repo/db';
import { migrate } from '@repo/db/migrate';

export interface DemoLogin {
  email: string;
  password?: string;
  role: string;
}

export interface SeedOutcome {
  logins: DemoLogin[];
  /** Free text from the seed for the banner (e.g. how to sign in). */
  notice?: string;
}

/** What the runner hands the seed besides passwords (see prisma/seed.ts). */
export type SeedEnv = Record<string, string | undefined>;

type SeedFn = (
  db: Db,
  options: { passwords: Record<string, string>; env?: SeedEnv },
) => Promise<Partial<SeedOutcome> | undefined>;

/**
 * The demo passwords live in the dev data dir (never in the repo), so they are random per
 * machine yet stable across restarts: the banner always prints logins that work.
 */
function readPasswords(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Applies pending migrations, then runs prisma/seed.ts (which must be idempotent). */
export async function prepareDatabase(opts: {
  repoRoot: string;
  url: string;
  dataDir: string;
  log: (line: string) => void;
  seedEnv?: SeedEnv;
}): Promise<SeedOutcome> {
  const { applied } = await migrate({ url: opts.url, log: opts.log });
  if (applied.length > 0) opts.log(`applied ${applied.length} migration(s)`);

  const seedFile = join(opts.repoRoot, 'prisma', 'seed.ts');
  if (!existsSync(seedFile)) {
    opts.log('no prisma/seed.ts, skipping seed');
    return { logins: [] };
  }
  const mod = (await import(pathToFileURL(seedFile).href)) as { default?: SeedFn };
  if (typeof mod.default !== 'function') throw new Error('prisma/seed.ts must default-export seed(db)');
  const db = createDb({ url: opts.url, poolMax: 2 });
  try {
    const passwordsFile = join(opts.dataDir, 'demo-logins.json');
    const result = await mod.default(db, {
      passwords: readPasswords(passwordsFile),
      ...(opts.seedEnv ? { env: opts.seedEnv } : {}),
    });
    const passwords = Object.fromEntries(
      (result?.logins ?? []).filter((l) => l.password).map((l) => [l.email, l.password]),
    );
    writeFileSync(passwordsFile, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
    return { logins: result?.logins ?? [], ...(result?.notice ? { notice: result.notice } : {}) };
  } catch (error) {
    // The seed refuses NODE_ENV=production (a real database): run without demo data then.
    if ((error as Error).name !== 'SeedRefusedError') throw error;
    opts.log(`seed skipped: ${(error as Error).message}`);
    return { logins: [] };
  } finally {
    await db.$disconnect();
  }
}
