// Demo data for development: `pnpm db:seed` (after `pnpm db:migrate`), or `seed(db, options)`
// from code (`pnpm dev` does on every start). Idempotent: running it again updates the same rows.
//
// Passwords: pass the ones you want kept (the dev runner stores them in its data dir so every
// start prints logins that work); any missing one is generated at random and returned. Nothing
// here is ever used in production: the seed refuses NODE_ENV=production.
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { hash, verify } from '@node-rs/argon2';
import { createDb, type Db, normalizeEmail, type UserRole } from '@repo/db';
import { ensurePersonalOrganization } from '@repo/organizations';
import { generateSecret, openEndpointSecret, sealEndpointSecret } from '@repo/webhooks';

export interface SeedLogin {
  email: string;
  password: string;
  role: UserRole;
}

export interface SeedResult {
  logins: SeedLogin[];
  /** What the dev banner should print next to the logins. */
  notice: string;
}

export interface SeedOptions {
  env?: {
    NODE_ENV?: string | undefined;
    /** The dev stack's webhook receiver; when set, Acme gets an endpoint pointing at it. */
    WEBHOOK_RECEIVER_URL?: string | undefined;
    /** The key the apps seal endpoint secrets with (needed with WEBHOOK_RECEIVER_URL). */
    TOTP_ENCRYPTION_KEY?: string | undefined;
  };
  /** Demo passwords to keep, by email; missing ones are generated. */
  passwords?: Record<string, string>;
}

const DEMO_USERS: { email: string; name: string; role: UserRole }[] = [
  { email: 'admin@groundwork.local', name: 'Demo Admin', role: 'admin' },
  { email: 'user@groundwork.local', name: 'Demo User', role: 'user' },
];

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane); the Identity module uses the same. */
// `algorithm: 2` is Algorithm.Argon2id: a const enum, which isolatedModules cannot import.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export class SeedRefusedError extends Error {
  override readonly name = 'SeedRefusedError';
}

/** 16 random characters from an alphabet without look-alikes (no 0/O, 1/l/I). */
function generatePassword(): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

/** A shared demo organization, "Acme": the demo admin owns it, the demo user is a member. */
async function ensureDemoOrganization(db: Db, people: { ownerId: string; memberId: string }) {
  const org = await db.organization.upsert({
    where: { slug: 'acme' },
    create: { name: 'Acme', slug: 'acme' },
    update: { name: 'Acme', personal: false },
    select: { id: true },
  });
  const roles = [
    [people.ownerId, 'owner'],
    [people.memberId, 'member'],
  ] as const;
  for (const [userId, role] of roles) {
    await db.membership.upsert({
      where: { organizationId_userId: { organizationId: org.id, userId } },
      create: { organizationId: org.id, userId, role },
      // Restores the demo roles if someone changed them.
      update: { role },
    });
  }
  return org.id;
}

/** Marks the seeded endpoint, so a re-seed finds it again even after the receiver's port changed. */
const DEMO_ENDPOINT_DESCRIPTION = 'Dev stack webhook receiver (seeded)';

/**
 * An endpoint of the demo organization, subscribed to everything, pointing at the dev stack's
 * local receiver (`/hooks/acme`). Its secret is registered with the receiver on every seed, so
 * the receiver's inbox shows each delivery's signature as valid. Returns a problem, if any, for
 * the banner (the seed never fails over the receiver).
 */
async function ensureDemoWebhookEndpoint(
  db: Db,
  organizationId: string,
  receiverUrl: string,
  key: string,
): Promise<string | undefined> {
  const url = `${receiverUrl.replace(/\/+$/, '')}/hooks/acme`;
  const existing = await db.webhookEndpoint.findFirst({
    where: { organizationId, description: DEMO_ENDPOINT_DESCRIPTION },
    select: { id: true, secretCiphertext: true },
  });
  let secret: string;
  if (existing) {
    try {
      secret = openEndpointSecret(key, existing.id, existing.secretCiphertext);
    } catch {
      // Sealed under another key (a new data dir, a changed TOTP_ENCRYPTION_KEY): start afresh.
      secret = generateSecret();
    }
    await db.webhookEndpoint.update({
      where: { id: existing.id },
      data: { url, secretCiphertext: sealEndpointSecret(key, existing.id, secret) },
    });
  } else {
    const id = randomUUID();
    secret = generateSecret();
    await db.webhookEndpoint.create({
      data: {
        id,
        organizationId,
        url,
        description: DEMO_ENDPOINT_DESCRIPTION,
        eventTypes: ['*'],
        secretCiphertext: sealEndpointSecret(key, id, secret),
      },
    });
  }
  try {
    const res = await fetch(`${receiverUrl.replace(/\/+$/, '')}/api/secrets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/hooks/acme', secret }),
    });
    if (!res.ok) return `The webhook receiver refused the demo secret (HTTP ${res.status}).`;
  } catch (error) {
    return `The webhook receiver at ${receiverUrl} is not reachable (${(error as Error).message}); its inbox shows "unknown" signatures.`;
  }
  return undefined;
}

/**
 * The two demo feature flags (docs/flags.md), valid `FlagDefinition`s of @repo/flags. Created when
 * missing and otherwise left alone: a flag an admin changed keeps its changes across dev restarts.
 */
export const DEMO_FLAGS = [
  {
    key: 'dashboard.activity-card',
    description: 'Shows the "Recent activity" card (last security events) on the dashboard.',
    kind: 'boolean',
    variants: [{ name: 'off' }, { name: 'on' }],
    defaults: { development: 'on', test: 'off', production: 'off' },
    killSwitch: false,
    rules: [
      {
        id: 'admins',
        description: 'Global admins see it everywhere first.',
        conditions: [{ attribute: 'role', operator: 'in', values: ['admin'] }],
        variant: 'on',
      },
    ],
  },
  {
    key: 'settings.compact-tables',
    description: 'Offers the "Beta" section of the profile settings with a compact tables toggle.',
    kind: 'boolean',
    variants: [{ name: 'off' }, { name: 'on' }],
    defaults: { development: 'on', test: 'off', production: 'off' },
    killSwitch: false,
    rules: [],
  },
] as const;

async function ensureDemoFlags(db: Db) {
  for (const flag of DEMO_FLAGS) {
    await db.featureFlag.upsert({
      where: { key: flag.key },
      create: { key: flag.key, definition: flag as unknown as object },
      update: {},
    });
  }
}

/**
 * A month of daily activity for the demo accounts (the admin every day, the user every other
 * day), so the admin overview (D6) has active users to chart in development. Existing rows stay.
 */
async function ensureDemoActivity(db: Db, userIds: string[], now: Date) {
  const DAY = 86_400_000;
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const data = userIds.flatMap((userId, n) =>
    Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i % (n + 1) === 0)
      .map((i) => ({ userId, day: new Date(today - i * DAY) })),
  );
  await db.userActivityDay.createMany({ data, skipDuplicates: true });
}

export default async function seed(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
  const { env = { NODE_ENV: process.env.NODE_ENV }, passwords = {} } = options;
  if (env.NODE_ENV === 'production') {
    throw new SeedRefusedError('Refusing to seed demo accounts with NODE_ENV=production');
  }
  const now = new Date();
  const logins: SeedLogin[] = [];
  const userIds: string[] = [];
  for (const user of DEMO_USERS) {
    const email = normalizeEmail(user.email);
    const password = passwords[email] ?? generatePassword();
    const existing = await db.user.findUnique({ where: { email }, select: { passwordHash: true } });
    // Re-hash only when the stored hash does not match: argon2id is deliberately slow.
    const keepHash = existing?.passwordHash && (await verify(existing.passwordHash, password));
    const passwordHash = keepHash ? existing.passwordHash : await hash(password, ARGON2ID);
    const { id } = await db.user.upsert({
      where: { email },
      create: { email, name: user.name, role: user.role, emailVerifiedAt: now, passwordHash },
      // Restores the demo state if someone changed the role, the password or disabled the account.
      update: { name: user.name, role: user.role, passwordHash, disabledAt: null, deletedAt: null },
      select: { id: true },
    });
    userIds.push(id);
    // The personal organization every account gets at sign-up, by the same rule (created once, then kept).
    await db.$transaction((tx) => ensurePersonalOrganization(tx, { id, name: user.name }, now));
    logins.push({ email, password, role: user.role });
  }
  const [adminId, userId] = userIds;
  const orgId =
    adminId && userId ? await ensureDemoOrganization(db, { ownerId: adminId, memberId: userId }) : null;
  await ensureDemoFlags(db);
  await ensureDemoActivity(db, userIds, now);
  const notices = ['Sign in on the web app (/en/sign-in) with either login.'];
  if (orgId && env.WEBHOOK_RECEIVER_URL) {
    if (!env.TOTP_ENCRYPTION_KEY) {
      notices.push('No demo webhook endpoint: TOTP_ENCRYPTION_KEY is not set.');
    } else {
      const problem = await ensureDemoWebhookEndpoint(
        db,
        orgId,
        env.WEBHOOK_RECEIVER_URL,
        env.TOTP_ENCRYPTION_KEY,
      );
      notices.push(problem ?? 'Acme sends every webhook event to the local receiver (Webhooks inbox).');
    }
  }
  return { logins, notice: notices.join(' ') };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(1);
  }
  const db = createDb({ url, poolMax: 2 });
  seed(db, {
    env: {
      NODE_ENV: process.env.NODE_ENV,
      WEBHOOK_RECEIVER_URL: process.env.WEBHOOK_RECEIVER_URL,
      TOTP_ENCRYPTION_KEY: process.env.TOTP_ENCRYPTION_KEY,
    },
  })
    .then((result) => {
      for (const login of result.logins) {
        console.info(`  ${login.role.padEnd(5)}  ${login.email}  /  ${login.password}`);
      }
      console.info(result.notice);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
