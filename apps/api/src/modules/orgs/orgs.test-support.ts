import { randomUUID } from 'node:crypto';
import type { ApiKeyScope, OrgRole } from '@repo/contracts';
import { uniqueEmail } from '@repo/testing';
import type { TestApp } from '../../app.test-support';
import { generateApiKey } from '../../lib/api-keys';
import { hashPassword } from '../../lib/password';
import { PASSWORD } from '../auth/auth.test-support';

/** Test-only fixtures for organization tests (imported by *.int.test.ts only). */

export interface WorldUser {
  id: string;
  email: string;
  name: string;
  /** `Authorization` header value with a fresh access token (sudo-fresh unless asked otherwise). */
  auth: string;
}

let passwordHash: Promise<string> | undefined;

export async function createOrgUser(
  t: TestApp,
  opts: { prefix?: string; name?: string; globalRole?: 'user' | 'admin' } = {},
): Promise<WorldUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const user = await t.deps.db.user.create({
    data: {
      email: uniqueEmail(opts.prefix ?? 'org'),
      name: opts.name ?? 'Grace Hopper',
      passwordHash: await passwordHash,
      emailVerifiedAt: new Date(),
      role: opts.globalRole ?? 'user',
    },
  });
  return { id: user.id, email: user.email, name: user.name, auth: bearerFor(t, user.id, user.role) };
}

/** A signed access token for an existing user id; `authAgeSeconds` ages it out of sudo mode. */
export function bearerFor(t: TestApp, userId: string, role = 'user', authAgeSeconds = 0): string {
  const token = t.app.accessTokens.sign({
    sub: userId,
    sid: randomUUID(),
    role,
    amr: ['pwd'],
    auth_time: Math.floor(Date.now() / 1000) - authAgeSeconds,
  });
  return `Bearer ${token}`;
}

export async function createOrg(t: TestApp, name = 'Acme', personal = false) {
  return t.deps.db.organization.create({
    data: {
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}`,
      personal,
    },
  });
}

export async function addMember(t: TestApp, organizationId: string, userId: string, role: OrgRole) {
  return t.deps.db.membership.create({ data: { organizationId, userId, role } });
}

/** Creates a key row directly; returns the full key for `Authorization: Bearer`. */
export async function createKey(
  t: TestApp,
  organizationId: string,
  scopes: ApiKeyScope[],
  opts: { expiresAt?: Date; revokedAt?: Date; name?: string } = {},
) {
  const generated = generateApiKey();
  const row = await t.deps.db.apiKey.create({
    data: {
      organizationId,
      name: opts.name ?? 'test key',
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes,
      expiresAt: opts.expiresAt ?? null,
      revokedAt: opts.revokedAt ?? null,
    },
  });
  return { row, key: generated.key, auth: `Bearer ${generated.key}` };
}

/**
 * Organization A with an owner, an admin and a member, organization B with its own owner, and
 * two keys of A (read-only and read/write): every principal of the authorization matrix.
 */
export async function createOrgWorld(t: TestApp) {
  const org = await createOrg(t, 'Acme');
  const otherOrg = await createOrg(t, 'Globex');
  const [owner, admin, member, otherOwner] = await Promise.all([
    createOrgUser(t, { prefix: 'owner', name: 'Olivia Owner' }),
    createOrgUser(t, { prefix: 'admin', name: 'Adam Admin' }),
    createOrgUser(t, { prefix: 'member', name: 'Mia Member' }),
    createOrgUser(t, { prefix: 'other', name: 'Otto Other' }),
  ]);
  await addMember(t, org.id, owner.id, 'owner');
  await addMember(t, org.id, admin.id, 'admin');
  await addMember(t, org.id, member.id, 'member');
  await addMember(t, otherOrg.id, otherOwner.id, 'owner');
  const readKey = await createKey(t, org.id, ['organization:read', 'members:read']);
  const writeKey = await createKey(t, org.id, [
    'organization:read',
    'organization:write',
    'members:read',
    'members:write',
  ]);
  return { org, otherOrg, owner, admin, member, otherOwner, readKey, writeKey };
}
export type OrgWorld = Awaited<ReturnType<typeof createOrgWorld>>;
