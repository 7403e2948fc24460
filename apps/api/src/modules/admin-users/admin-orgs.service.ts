import type { AdminOrgDetail, AdminOrgListQuery } from '@repo/contracts';
import type { Prisma } from '@repo/db';
import { AppError } from '../../errors';
import { defineList, keyset } from '../../lib/list';
import { type AppDeps, systemClock } from '../../types';
import { apiKeyStatus } from '../api-keys';
import { endpointHealth } from '../webhooks';

/** Members listed in the detail; memberCount tells when there are more. */
const MEMBER_LIMIT = 200;

const adminOrgList = defineList({
  sorts: {
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
    'createdAt:asc': { field: 'createdAt', type: 'timestamp' },
    'name:asc': { field: 'name', type: 'text' },
  },
});

/**
 * Every organization (lists convention), newest first by default; `q` is a case-insensitive
 * substring of name or slug.
 */
export async function listOrganizations(deps: Pick<AppDeps, 'db'>, query: AdminOrgListQuery) {
  const k = keyset(adminOrgList, query);
  const and: Prisma.OrganizationWhereInput[] = [k.where];
  if (query.q) {
    const contains = { contains: query.q, mode: 'insensitive' } as const;
    and.push({ OR: [{ name: contains }, { slug: contains }] });
  }
  const rows = await deps.db.organization.findMany({
    where: { AND: and },
    orderBy: k.orderBy,
    take: k.take,
    select: {
      id: true,
      name: true,
      slug: true,
      personal: true,
      createdAt: true,
      _count: { select: { memberships: true } },
    },
  });
  const { items, nextCursor } = k.page(rows, (o) => ({
    id: o.id,
    name: o.name,
    slug: o.slug,
    personal: o.personal,
    memberCount: o._count.memberships,
    createdAt: o.createdAt.toISOString(),
  }));
  return { organizations: items, nextCursor };
}

/** An organization with its members, pending invitations and API keys (never their secrets). */
export async function getOrganizationDetail(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  organizationId: string,
): Promise<AdminOrgDetail> {
  const now = (deps.clock ?? systemClock).now();
  const org = await deps.db.organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      slug: true,
      personal: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { memberships: true } },
      // org_role sorts in declaration order: owners, admins, members.
      memberships: {
        orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
        take: MEMBER_LIMIT,
        select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      },
      invitations: {
        where: { acceptedAt: null, declinedAt: null, revokedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: 'desc' },
        select: {
          id: true,
          email: true,
          role: true,
          expiresAt: true,
          createdAt: true,
          invitedBy: { select: { id: true, name: true } },
        },
      },
      // Explicit columns: secretHash never leaves the database.
      apiKeys: {
        orderBy: { createdAt: 'desc' },
        select: {
          id: true,
          name: true,
          prefix: true,
          scopes: true,
          createdAt: true,
          expiresAt: true,
          revokedAt: true,
          replacedById: true,
          lastUsedAt: true,
        },
      },
    },
  });
  if (!org) throw new AppError('not_found', 'No such organization.');
  const webhooks = await endpointHealth(deps, organizationId);
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    personal: org.personal,
    memberCount: org._count.memberships,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
    members: org.memberships.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt.toISOString(),
    })),
    invitations: org.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: i.invitedBy,
      expiresAt: i.expiresAt.toISOString(),
      createdAt: i.createdAt.toISOString(),
    })),
    apiKeys: org.apiKeys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      scopes: k.scopes,
      status: apiKeyStatus(k, now),
      createdAt: k.createdAt.toISOString(),
      expiresAt: k.expiresAt?.toISOString() ?? null,
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    })),
    webhooks,
  };
}
