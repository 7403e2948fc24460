// Demo data for development: `pnpm db:seed` (after `pnpm db:migrate`), or call
// `seed(db)` from code (the dev stack does on start). Idempotent: running it again
// updates the same rows instead of duplicating them.
//
// The root package does not depend on @repo/db, hence the relative import.
import { pathToFileURL } from 'node:url';
import { createDb, type Db, normalizeEmail, type UserRole } from '@repo/db';

export interface SeedLogin {
  email: string;
  role: UserRole;
}

export interface SeedResult {
  logins: SeedLogin[];
  /** What the dev banner should print next to the logins. */
  notice: string;
}

const DEMO_USERS: { email: string; name: string; role: UserRole }[] = [
  { email: 'admin@groundwork.local', name: 'Demo Admin', role: 'admin' },
  { email: 'user@groundwork.local', name: 'Demo User', role: 'user' },
];

export class SeedRefusedError extends Error {
  override readonly name = 'SeedRefusedError';
}

/**
 * Upserts the demo accounts. No passwords are stored (passwordHash stays null):
 * password hashing arrives with the Identity module, which will set them — until then
 * we print no password rather than one that does not work.
 */
export default async function seed(
  db: Db,
  env: { NODE_ENV?: string } = { NODE_ENV: process.env.NODE_ENV },
): Promise<SeedResult> {
  if (env.NODE_ENV === 'production') {
    throw new SeedRefusedError('Refusing to seed demo accounts with NODE_ENV=production');
  }
  const now = new Date();
  for (const user of DEMO_USERS) {
    const email = normalizeEmail(user.email);
    await db.user.upsert({
      where: { email },
      create: { email, name: user.name, role: user.role, emailVerifiedAt: now },
      // Restores the demo state if someone changed the role or disabled the account.
      update: { name: user.name, role: user.role, disabledAt: null, deletedAt: null },
    });
  }
  return {
    logins: DEMO_USERS.map(({ email, role }) => ({ email, role })),
    notice: 'Demo accounts created without passwords: sign-in arrives with the Identity module.',
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(1);
  }
  const db = createDb({ url, poolMax: 2 });
  seed(db)
    .then((result) => {
      for (const login of result.logins) console.info(`  ${login.role.padEnd(5)}  ${login.email}`);
      console.info(result.notice);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
