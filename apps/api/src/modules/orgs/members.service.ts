import { recordAudit } from '@repo/audit';
import {
  canGrantRole,
  canManageMember,
  type Locale,
  type Member,
  type OrgRole,
  type PageQuery,
} from '@repo/contracts';
import type { Prisma, Tx } from '@repo/db';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { invalidCursor } from '../../lib/invalid-cursor';
import { writeOutboxEvent } from '../../lib/outbox';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { type AppDeps, systemClock } from '../../types';
import {
  auditDenied,
  lastOwner,
  lockedActingRole,
  lockOrganization,
  ownerCount,
  revokeInvitationsSentBy,
  roleNotAllowed,
  withKey,
} from './orgs.shared';

const memberSelect = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true, locale: true, timezone: true } },
} as const;

interface MemberRow {
  role: OrgRole;
  createdAt: Date;
  user: { id: string; name: string; email: string };
}

export function toMember(row: MemberRow): Member {
  return {
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  };
}

/**
 * One page of members, oldest membership first (createdAt, then id). `cursor` is the MEMBERSHIP
 * id of the last row of the previous page, as `nextCursor` returns it; one that is not a
 * membership of this organization (any more) is 400. `q` matches name or email, case-insensitive.
 */
export async function listMembers(
  deps: AppDeps,
  org: OrgContext,
  query: z.output<typeof PageQuery>,
): Promise<{ members: Member[]; nextCursor: string | null }> {
  // A soft-deleted account is gone for everyone else (its row stays for audit references).
  const and: Prisma.MembershipWhereInput[] = [{ organizationId: org.id }, { user: { deletedAt: null } }];
  if (query.q) {
    const contains = { contains: query.q, mode: 'insensitive' } as const;
    and.push({ user: { OR: [{ name: contains }, { email: contains }] } });
  }
  if (query.cursor) {
    const after = await deps.db.membership.findFirst({
      where: { id: query.cursor, organizationId: org.id },
      select: { id: true, createdAt: true },
    });
    if (!after) throw invalidCursor();
    and.push({
      OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }],
    });
  }
  const rows = await deps.db.membership.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    select: memberSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { members: page.map(toMember), nextCursor: rows.length > query.limit && last ? last.id : null };
}

async function findMember(tx: Tx, organizationId: string, userId: string) {
  const row = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { ...memberSelect, organization: { select: { name: true } } },
  });
  if (!row) throw new AppError('not_found', 'No such member.');
  return row;
}

/** Whether taking `role` away from an owner would leave the organization without one. */
async function wouldOrphan(tx: Tx, organizationId: string, role: OrgRole): Promise<boolean> {
  return role === 'owner' && (await ownerCount(tx, organizationId)) <= 1;
}

/** Ends a membership; if it was the user's active organization, that is forgotten too (GET
 * /v1/orgs would fall back anyway, but a stale id should not linger). */
async function dropMembership(tx: Tx, organizationId: string, membershipId: string, userId: string) {
  await tx.membership.delete({ where: { id: membershipId } });
  await revokeInvitationsSentBy(tx, organizationId, userId, null, new Date());
  await tx.user.updateMany({
    where: { id: userId, activeOrganizationId: organizationId },
    data: { activeOrganizationId: null },
  });
}

/**
 * Changes a member's role (A8): the caller must outrank-or-equal the member's current role and
 * the new one (403 role_not_allowed otherwise), and the last owner cannot be demoted (409
 * last_owner); both refusals are audited as org.access_denied. Setting the current role is a
 * no-op (no audit, no mail). The member is told by mail.
 */
export async function changeMemberRole(
  deps: AppDeps,
  meta: RequestMeta,
  org: OrgContext,
  targetId: string,
  role: OrgRole,
): Promise<Member> {
  const userId = targetId.toLowerCase();
  const now = (deps.clock ?? systemClock).now();
  const target = { targetType: 'user', targetId: userId, attempt: { attempt: 'change_role', role } };
  return auditDenied(deps, org, meta, target, () =>
    deps.db.$transaction(async (tx) => {
      await lockOrganization(tx, org.id);
      const acting = await lockedActingRole(tx, org);
      const member = await findMember(tx, org.id, userId);
      if (!canManageMember(acting, member.role)) {
        throw roleNotAllowed(
          `Your role (${acting}) cannot change the role of a member with role ${member.role}.`,
        );
      }
      if (!canGrantRole(acting, role))
        throw roleNotAllowed(`Your role (${acting}) cannot grant the role ${role}.`);
      if (member.role === role) return toMember(member);
      if (await wouldOrphan(tx, org.id, member.role)) throw lastOwner('The last owner cannot be demoted.');
      await tx.membership.update({ where: { id: member.id }, data: { role } });
      await revokeInvitationsSentBy(tx, org.id, userId, role, now);
      await recordAudit(
        tx,
        {
          actorId: org.userId,
          action: 'org.member_role_changed',
          organizationId: org.id,
          targetType: 'user',
          targetId: userId,
          meta,
          before: { role: member.role },
          after: withKey(org, { role }),
        },
        now,
      );
      const actor = org.userId
        ? await tx.user.findUnique({ where: { id: org.userId }, select: { name: true } })
        : null;
      await writeOutboxEvent(
        tx,
        'org.member_role_changed',
        {
          userId,
          email: member.user.email,
          locale: member.user.locale as Locale,
          timeZone: member.user.timezone,
          organizationName: member.organization.name,
          role,
          previousRole: member.role,
          changedByName: actor?.name ?? null,
        },
        now,
      );
      return toMember({ ...member, role });
    }),
  );
}

/**
 * Removes another member (A8), under the same rank rules as a role change. Removing oneself is
 * refused with 400: leaving is POST /v1/orgs/:orgId/leave, which has its own permission.
 */
export async function removeMember(deps: AppDeps, meta: RequestMeta, org: OrgContext, targetId: string) {
  // Ids compare as text below; PostgreSQL would accept an uppercase one as the same uuid.
  const userId = targetId.toLowerCase();
  if (userId === org.userId) {
    throw new AppError('bad_request', 'To leave the organization, use POST /v1/orgs/{orgId}/leave.');
  }
  const now = (deps.clock ?? systemClock).now();
  const target = { targetType: 'user', targetId: userId, attempt: { attempt: 'remove_member' } };
  await auditDenied(deps, org, meta, target, () =>
    deps.db.$transaction(async (tx) => {
      await lockOrganization(tx, org.id);
      const acting = await lockedActingRole(tx, org);
      const member = await findMember(tx, org.id, userId);
      if (!canManageMember(acting, member.role)) {
        throw roleNotAllowed(`Your role (${acting}) cannot remove a member with role ${member.role}.`);
      }
      if (await wouldOrphan(tx, org.id, member.role)) throw lastOwner('The last owner cannot be removed.');
      await dropMembership(tx, org.id, member.id, userId);
      await recordAudit(
        tx,
        {
          actorId: org.userId,
          action: 'org.member_removed',
          organizationId: org.id,
          targetType: 'user',
          targetId: userId,
          meta,
          before: { role: member.role, email: member.user.email },
          after: withKey(org, { removed: true }),
        },
        now,
      );
    }),
  );
}

/** The caller leaves (any member); the last owner must hand over or delete first (409). */
export async function leaveOrganization(deps: AppDeps, meta: RequestMeta, org: OrgContext) {
  const userId = org.userId;
  if (!userId) throw new AppError('forbidden', 'API keys cannot leave an organization.');
  const now = (deps.clock ?? systemClock).now();
  const target = { targetType: 'user', targetId: userId, attempt: { attempt: 'leave' } };
  await auditDenied(deps, org, meta, target, () =>
    deps.db.$transaction(async (tx) => {
      await lockOrganization(tx, org.id);
      const member = await findMember(tx, org.id, userId);
      if (await wouldOrphan(tx, org.id, member.role)) {
        throw lastOwner('The last owner cannot leave: transfer ownership or delete the organization first.');
      }
      await dropMembership(tx, org.id, member.id, userId);
      await recordAudit(
        tx,
        {
          actorId: userId,
          action: 'org.member_left',
          organizationId: org.id,
          targetType: 'user',
          targetId: userId,
          meta,
          before: { role: member.role },
        },
        now,
      );
    }),
  );
}
