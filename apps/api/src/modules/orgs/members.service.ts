import { recordAudit } from '@repo/audit';
import {
  canGrantRole,
  canManageMember,
  imageUrlOf,
  type Locale,
  type Member,
  type MemberListQuery,
  type OrgRole,
} from '@repo/contracts';
import type { Prisma, Tx } from '@repo/db';
import { countUsableOwners, revokeInvitationsSentBy } from '@repo/organizations';
import { publishEvent, writeOutboxEvent } from '@repo/outbox';
import { AppError } from '../../errors';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { type AppDeps, systemClock } from '../../types';
import {
  auditDenied,
  lastOwner,
  lockedActingRole,
  lockOrganization,
  roleNotAllowed,
  withKey,
} from './orgs.shared';

const memberSelect = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true, locale: true, timezone: true, avatarFileId: true } },
} as const;

interface MemberRow {
  role: OrgRole;
  createdAt: Date;
  user: { id: string; name: string; email: string; avatarFileId: string | null };
}

export function toMember(row: MemberRow): Member {
  return {
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
    avatarUrl: imageUrlOf(row.user.avatarFileId),
  };
}

/** Tie-breaker: the membership id. */
const memberList = defineList({
  sorts: {
    'joinedAt:asc': { field: 'createdAt', type: 'timestamp' },
    'joinedAt:desc': { field: 'createdAt', type: 'timestamp' },
    'name:asc': { field: 'user.name', type: 'text' },
  },
});

/**
 * One page of members (lists convention), oldest membership first by default. A cursor is bound
 * to this organization: another organization's is 400 invalid_cursor. `q` matches name or email,
 * case-insensitively.
 */
export async function listMembers(
  deps: AppDeps,
  org: OrgContext,
  query: MemberListQuery,
): Promise<{ members: Member[]; nextCursor: string | null }> {
  const k = keyset(memberList, query, { scope: org.id });
  // A soft-deleted account is gone for everyone else (its row stays for audit references).
  const and: Prisma.MembershipWhereInput[] = [
    { organizationId: org.id },
    { user: { deletedAt: null } },
    k.where,
  ];
  if (query.q) {
    const contains = { contains: query.q, mode: 'insensitive' } as const;
    and.push({ user: { OR: [{ name: contains }, { email: contains }] } });
  }
  const rows = await deps.db.membership.findMany({
    where: { AND: and },
    orderBy: k.orderBy,
    take: k.take,
    select: memberSelect,
  });
  const { items, nextCursor } = k.page(rows, toMember);
  return { members: items, nextCursor };
}

async function findMember(tx: Tx, organizationId: string, userId: string) {
  const row = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { ...memberSelect, organization: { select: { name: true } } },
  });
  if (!row) throw new AppError('not_found', 'No such member.');
  return row;
}

/** A membership row as the webhook catalog's member reference. */
const memberOf = (m: { role: OrgRole; user: { id: string; email: string; name: string } }) => ({
  userId: m.user.id,
  email: m.user.email,
  name: m.user.name,
  role: m.role,
});

/** Whether taking `role` away from an owner would leave the organization without one who can sign in. */
async function wouldOrphan(tx: Tx, organizationId: string, role: OrgRole): Promise<boolean> {
  return role === 'owner' && (await countUsableOwners(tx, organizationId)) <= 1;
}

/** Ends a membership; if it was the user's active organization, that is forgotten too (GET
 * /v1/orgs would fall back anyway, but a stale id should not linger). */
async function dropMembership(tx: Tx, organizationId: string, membershipId: string, userId: string) {
  await tx.membership.delete({ where: { id: membershipId } });
  await revokeInvitationsSentBy(tx, { organizationId, senders: [userId], role: null }, new Date());
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
      await revokeInvitationsSentBy(tx, { organizationId: org.id, senders: [userId], role }, now);
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
      await publishEvent(
        tx,
        {
          type: 'member.role_changed',
          organizationIds: [org.id],
          data: { member: memberOf({ ...member, role }), previousRole: member.role },
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
      await publishEvent(
        tx,
        {
          type: 'member.removed',
          organizationIds: [org.id],
          data: { member: memberOf(member), reason: 'removed' },
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
      await publishEvent(
        tx,
        {
          type: 'member.removed',
          organizationIds: [org.id],
          data: { member: memberOf(member), reason: 'left' },
        },
        now,
      );
    }),
  );
}
