import { recordAudit } from '@repo/audit';
import {
  type CreateOrgBody,
  imageUrlOf,
  type MyOrganizations,
  MyOrganizationsQuery,
  type Organization,
  type OrgRole,
  type UpdateOrgBody,
} from '@repo/contracts';
import type { Prisma } from '@repo/db';
import { memberRef, publishEvent } from '@repo/outbox';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { type AppDeps, systemClock } from '../../types';
import { isUniqueViolation, withKey } from './orgs.shared';
import { SLUG_MIN, slugify, withSuffix } from './slug';

export const orgSelect = {
  id: true,
  name: true,
  slug: true,
  personal: true,
  logoFileId: true,
  createdAt: true,
  _count: { select: { memberships: true } },
} as const;

interface OrgRow {
  id: string;
  name: string;
  slug: string;
  personal: boolean;
  logoFileId: string | null;
  createdAt: Date;
  _count: { memberships: number };
}

export function toOrganization(row: OrgRow, role: OrgRole | null): Organization {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    personal: row.personal,
    role,
    memberCount: row._count.memberships,
    createdAt: row.createdAt.toISOString(),
    logoUrl: imageUrlOf(row.logoFileId),
  };
}

const slugTaken = () => new AppError('slug_taken', 'This slug is already used by another organization.');

/** The caller's memberships: personal organization first, then by name (ties: organization id). */
const myOrganizationList = defineList({
  sorts: {
    'name:asc': [
      { field: 'organization.personal', type: 'boolean', direction: 'desc' },
      { field: 'organization.name', type: 'text' },
    ],
  },
  id: { field: 'organizationId', type: 'uuid' },
});

/**
 * A page of the caller's organizations (personal first, then by name) and the one the app opens
 * in. A remembered organization the caller no longer belongs to (left, removed, deleted) is not
 * an error: the answer falls back to the first one in that order (the personal organization when
 * there is one), then null. The active one is found apart from the page, so any page names it.
 */
export async function listMyOrganizations(
  deps: AppDeps,
  userId: string,
  query: MyOrganizationsQuery = MyOrganizationsQuery.parse({}),
): Promise<MyOrganizations> {
  const k = keyset(myOrganizationList, query, { scope: userId });
  const firstOf = (where: Prisma.MembershipWhereInput) =>
    deps.db.membership.findFirst({
      where: { AND: [{ userId }, where] },
      orderBy: k.orderBy,
      select: { organizationId: true },
    });
  const [user, memberships] = await Promise.all([
    deps.db.user.findUnique({
      where: { id: userId },
      select: { activeOrganizationId: true, deletedAt: true, disabledAt: true },
    }),
    deps.db.membership.findMany({
      where: { AND: [{ userId }, k.where] },
      orderBy: k.orderBy,
      take: k.take,
      select: {
        role: true,
        organizationId: true,
        organization: { select: { id: true, name: true, slug: true, personal: true, logoFileId: true } },
      },
    }),
  ]);
  // A deleted or disabled account's token may outlive the change; it reads nothing (as /v1/me).
  if (!user || user.deletedAt || user.disabledAt) throw new AppError('unauthorized');
  const remembered = user.activeOrganizationId
    ? await firstOf({ organizationId: user.activeOrganizationId })
    : null;
  const active = remembered ?? (await firstOf({}));
  const { items, nextCursor } = k.page(memberships, ({ organization: { logoFileId, ...o }, role }) => ({
    ...o,
    role,
    logoUrl: imageUrlOf(logoFileId),
  }));
  return { activeOrganizationId: active?.organizationId ?? null, organizations: items, nextCursor };
}

/** Remembers the organization the app opens in; one the caller is not a member of is 404. */
export async function setActiveOrganization(
  deps: AppDeps,
  userId: string,
  organizationId: string,
): Promise<MyOrganizations> {
  const membership = await deps.db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { id: true },
  });
  if (!membership) throw new AppError('not_found');
  await deps.db.user.update({ where: { id: userId }, data: { activeOrganizationId: organizationId } });
  return listMyOrganizations(deps, userId);
}

/** The slug to try: the one asked for, else one derived from the name (suffixed when taken). */
async function pickSlug(deps: AppDeps, input: { name: string; slug?: string | undefined }, attempt: number) {
  if (input.slug) return input.slug;
  const base = slugify(input.name);
  if (attempt === 0 && base.length >= SLUG_MIN) {
    const taken = await deps.db.organization.findUnique({ where: { slug: base }, select: { id: true } });
    if (!taken) return base;
  }
  return withSuffix(base);
}

/**
 * Creates an organization owned by the caller and makes it their active one. An explicit slug
 * that is taken is 409 slug_taken (also when a concurrent create wins the unique index); a
 * derived one gets a random suffix instead.
 */
export async function createOrganization(
  deps: AppDeps,
  meta: RequestMeta,
  userId: string,
  input: z.output<typeof CreateOrgBody>,
): Promise<Organization> {
  const now = (deps.clock ?? systemClock).now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = await pickSlug(deps, input, attempt);
    try {
      return await deps.db.$transaction(async (tx) => {
        const row = await tx.organization.create({
          data: {
            name: input.name,
            slug,
            createdAt: now,
            memberships: { create: { userId, role: 'owner', createdAt: now } },
          },
          select: orgSelect,
        });
        await tx.user.update({ where: { id: userId }, data: { activeOrganizationId: row.id } });
        await recordAudit(
          tx,
          {
            actorId: userId,
            action: 'org.created',
            organizationId: row.id,
            targetType: 'organization',
            targetId: row.id,
            meta,
            after: { name: row.name, slug: row.slug },
          },
          now,
        );
        const organization = { id: row.id, name: row.name, slug: row.slug };
        const organizationIds = [row.id];
        await publishEvent(
          tx,
          { type: 'organization.created', organizationIds, data: { organization } },
          now,
        );
        const member = await memberRef(tx, row.id, userId);
        await publishEvent(tx, { type: 'member.added', organizationIds, data: { member } }, now);
        return toOrganization(row, 'owner');
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (input.slug) throw slugTaken();
    }
  }
  throw new AppError('conflict', 'No free slug was found for this name; choose one.');
}

export async function getOrganization(deps: AppDeps, org: OrgContext): Promise<Organization> {
  const row = await deps.db.organization.findUnique({ where: { id: org.id }, select: orgSelect });
  if (!row) throw new AppError('not_found');
  return toOrganization(row, org.role);
}

/** Renames and/or re-slugs; audited with both states. Unchanged input changes (and logs) nothing. */
export async function updateOrganization(
  deps: AppDeps,
  meta: RequestMeta,
  org: OrgContext,
  input: z.output<typeof UpdateOrgBody>,
): Promise<Organization> {
  const now = (deps.clock ?? systemClock).now();
  try {
    return await deps.db.$transaction(async (tx) => {
      const before = await tx.organization.findUnique({ where: { id: org.id }, select: orgSelect });
      if (!before) throw new AppError('not_found');
      const name = input.name ?? before.name;
      const slug = input.slug ?? before.slug;
      if (name === before.name && slug === before.slug) return toOrganization(before, org.role);
      if (slug !== before.slug) {
        const taken = await tx.organization.findUnique({ where: { slug }, select: { id: true } });
        if (taken) throw slugTaken();
      }
      const after = await tx.organization.update({
        where: { id: org.id },
        data: { name, slug },
        select: orgSelect,
      });
      await recordAudit(
        tx,
        {
          actorId: org.userId,
          action: 'org.updated',
          organizationId: org.id,
          targetType: 'organization',
          targetId: org.id,
          meta,
          before: { name: before.name, slug: before.slug },
          after: withKey(org, { name: after.name, slug: after.slug }),
        },
        now,
      );
      const changed = (['name', 'slug'] as const).filter((field) => after[field] !== before[field]);
      await publishEvent(
        tx,
        {
          type: 'organization.updated',
          organizationIds: [org.id],
          data: { organization: { id: after.id, name: after.name, slug: after.slug }, changed },
        },
        now,
      );
      return toOrganization(after, org.role);
    });
  } catch (error) {
    // Another organization took the slug between the check and the update.
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}
