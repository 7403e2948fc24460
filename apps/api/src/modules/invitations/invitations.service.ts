import { recordAudit } from '@repo/audit';
import {
  type CreateInvitationBody,
  canGrantRole,
  type Invitation,
  type InvitationListQuery,
  type Locale,
  type OrgRole,
} from '@repo/contracts';
import { normalizeEmail, type Prisma, type Tx } from '@repo/db';
import { publishEvent, writeOutboxEvent } from '@repo/outbox';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { generateToken, hashToken } from '../../lib/crypto-tokens';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { type AppDeps, clockOf } from '../../types';
import { auditDenied, lockedActingRole, lockOrganization, roleNotAllowed, withKey } from '../orgs';

/** A resend sooner than this after the previous mail answers 429: nobody needs two in a minute. */
export const RESEND_INTERVAL_SECONDS = 60;

/** Not accepted, declined or revoked (it may have expired: the list shows it as `expired`). */
export const PENDING = { acceptedAt: null, declinedAt: null, revokedAt: null } as const;

const invitationSelect = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  lastSentAt: true,
  sendCount: true,
  createdAt: true,
  invitedBy: { select: { id: true, name: true } },
} satisfies Prisma.InvitationSelect;
type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;

export function toInvitation(row: InvitationRow, now: Date): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: row.expiresAt <= now ? 'expired' : 'pending',
    invitedBy: row.invitedBy ? { id: row.invitedBy.id, name: row.invitedBy.name } : null,
    expiresAt: row.expiresAt.toISOString(),
    lastSentAt: row.lastSentAt.toISOString(),
    sendCount: row.sendCount,
    createdAt: row.createdAt.toISOString(),
  };
}

const notFound = () => new AppError('not_found', 'No pending invitation with this id in this organization.');

const invitationList = defineList({
  sorts: {
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
    'createdAt:asc': { field: 'createdAt', type: 'timestamp' },
    'email:asc': { field: 'email', type: 'text' },
  },
});

/**
 * Pending invitations of the organization (lists convention), newest first by default. A cursor
 * is bound to this organization: another organization's is 400 invalid_cursor, as on the members
 * and API key lists, never a position in someone else's list.
 */
export async function listInvitations(
  deps: AppDeps,
  org: OrgContext,
  query: InvitationListQuery,
): Promise<{ invitations: Invitation[]; nextCursor: string | null }> {
  const now = clockOf(deps).now();
  const k = keyset(invitationList, query, { scope: org.id });
  const where: Prisma.InvitationWhereInput = {
    organizationId: org.id,
    ...PENDING,
    ...(query.q ? { email: { contains: query.q, mode: 'insensitive' } } : {}),
  };
  const rows = await deps.db.invitation.findMany({
    where: { AND: [where, k.where] },
    orderBy: k.orderBy,
    take: k.take,
    select: invitationSelect,
  });
  const { items, nextCursor } = k.page(rows, (row) => toInvitation(row, now));
  return { invitations: items, nextCursor };
}

/** Who is inviting: a member's name and locale, or nothing for an API key. */
async function inviterOf(tx: Tx, org: OrgContext): Promise<{ name: string; locale: Locale } | null> {
  if (!org.userId) return null;
  const user = await tx.user.findUnique({ where: { id: org.userId }, select: { name: true, locale: true } });
  return user ? { name: user.name, locale: user.locale as Locale } : null;
}

/** A fresh link: the raw token goes to the mail only, the database keeps its hash. */
function newLink(deps: AppDeps, now: Date) {
  const token = generateToken();
  return {
    token,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + deps.env.INVITATION_TTL_SECONDS * 1000),
  };
}

/** Queues the invitation mail (first send and resends alike). */
async function queueMail(
  tx: Tx,
  input: {
    invitation: { id: string; email: string; role: OrgRole };
    organizationId: string;
    inviter: { name: string } | null;
    locale: Locale;
    token: string;
    expiresAt: Date;
  },
  now: Date,
) {
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: input.organizationId },
    select: { name: true },
  });
  await writeOutboxEvent(
    tx,
    'org.invitation_sent',
    {
      invitationId: input.invitation.id,
      email: input.invitation.email,
      locale: input.locale,
      token: input.token,
      expiresAt: input.expiresAt.toISOString(),
      organizationName: organization.name,
      inviterName: input.inviter?.name ?? null,
      role: input.invitation.role,
    },
    now,
  );
}

/**
 * The mail's language: the invitee's own if they have an account, else the one the inviter
 * picked for them, else the inviter's, else English.
 */
async function mailLocale(
  tx: Tx,
  email: string,
  requested: Locale | undefined,
  inviter: { locale: Locale } | null,
): Promise<Locale> {
  const account = await tx.user.findUnique({ where: { email }, select: { locale: true, deletedAt: true } });
  if (account && !account.deletedAt) return account.locale as Locale;
  return requested ?? inviter?.locale ?? 'en';
}

/**
 * Invites an address with a role not above the caller's own. Under the organization lock, so
 * two concurrent invitations of one address cannot both pass the "already invited" check.
 */
export async function createInvitation(
  deps: AppDeps,
  meta: RequestMeta,
  org: OrgContext,
  body: z.output<typeof CreateInvitationBody>,
): Promise<Invitation> {
  const email = normalizeEmail(body.email);
  const now = clockOf(deps).now();
  const target = { targetType: 'invitation', targetId: null, attempt: { email, role: body.role } };
  return auditDenied(deps, org, meta, target, () =>
    deps.db.$transaction(async (tx) => {
      await lockOrganization(tx, org.id);
      // A personal organization is its holder's alone: a co-owner could otherwise remove them
      // from it, and it can be neither deleted nor transferred.
      const { personal } = await tx.organization.findUniqueOrThrow({
        where: { id: org.id },
        select: { personal: true },
      });
      if (personal) {
        throw new AppError(
          'org_personal',
          'A personal organization has no other members: create an organization to invite people.',
        );
      }
      // The role as it is now, under the lock: an inviter demoted meanwhile grants no old rank.
      if (!canGrantRole(await lockedActingRole(tx, org), body.role))
        throw roleNotAllowed('You cannot invite someone with a role above your own.');

      const member = await tx.membership.findFirst({
        where: { organizationId: org.id, user: { email } },
        select: { id: true },
      });
      if (member) throw new AppError('already_member', 'This address already belongs to a member.');
      const pending = await tx.invitation.findMany({
        where: { organizationId: org.id, email, ...PENDING },
        select: { id: true, expiresAt: true },
      });
      if (pending.some((p) => p.expiresAt > now))
        throw new AppError('invitation_exists', 'This address already has a pending invitation: resend it.');
      // Expired leftovers are replaced, so the list never shows one address twice.
      if (pending.length > 0)
        await tx.invitation.deleteMany({ where: { id: { in: pending.map((p) => p.id) } } });

      const inviter = await inviterOf(tx, org);
      const link = newLink(deps, now);
      const invitation = await tx.invitation.create({
        data: {
          organizationId: org.id,
          email,
          role: body.role,
          tokenHash: link.tokenHash,
          invitedById: org.userId,
          expiresAt: link.expiresAt,
          lastSentAt: now,
          sendCount: 1,
          createdAt: now,
        },
        select: invitationSelect,
      });
      await recordAudit(
        tx,
        {
          actorId: org.userId,
          action: 'org.invitation_created',
          organizationId: org.id,
          targetType: 'invitation',
          targetId: invitation.id,
          meta,
          after: withKey(org, { email, role: body.role, expiresAt: link.expiresAt.toISOString() }),
        },
        now,
      );
      const locale = await mailLocale(tx, email, body.locale, inviter);
      await queueMail(
        tx,
        { invitation, organizationId: org.id, inviter, locale, token: link.token, expiresAt: link.expiresAt },
        now,
      );
      const ref = { id: invitation.id, email, role: body.role, expiresAt: link.expiresAt.toISOString() };
      await publishEvent(
        tx,
        { type: 'invitation.created', organizationIds: [org.id], data: { invitation: ref } },
        now,
      );
      return toInvitation(invitation, now);
    }),
  );
}

function tooSoon(retryAfterSeconds: number): AppError {
  const seconds = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return new AppError(
    'rate_limited',
    `This invitation was sent less than ${RESEND_INTERVAL_SECONDS} seconds ago; retry in ${seconds} seconds.`,
    { headers: { 'retry-after': seconds } },
  );
}

/**
 * Sends a pending (possibly expired) invitation again with a NEW token and expiry: the previous
 * link stops working. Re-issuing the link is granting the role again, so the rank rule applies.
 */
export async function resendInvitation(
  deps: AppDeps,
  meta: RequestMeta,
  org: OrgContext,
  invitationId: string,
): Promise<Invitation> {
  const now = clockOf(deps).now();
  const target = { targetType: 'invitation', targetId: invitationId, attempt: { resend: true } };
  return auditDenied(deps, org, meta, target, () =>
    deps.db.$transaction(async (tx) => {
      const current = await tx.invitation.findFirst({
        where: { id: invitationId, organizationId: org.id, ...PENDING },
        select: { id: true, email: true, role: true, lastSentAt: true },
      });
      if (!current) throw notFound();
      if (!canGrantRole(await lockedActingRole(tx, org), current.role))
        throw roleNotAllowed('You cannot resend an invitation with a role above your own.');
      const waited = (now.getTime() - current.lastSentAt.getTime()) / 1000;
      if (waited < RESEND_INTERVAL_SECONDS) throw tooSoon(RESEND_INTERVAL_SECONDS - waited);

      const link = newLink(deps, now);
      // Conditional on the lastSentAt just read: of two concurrent resends, one wins, one gets 429.
      const updated = await tx.invitation.updateMany({
        where: { id: current.id, organizationId: org.id, ...PENDING, lastSentAt: current.lastSentAt },
        data: {
          tokenHash: link.tokenHash,
          expiresAt: link.expiresAt,
          lastSentAt: now,
          sendCount: { increment: 1 },
        },
      });
      if (updated.count !== 1) throw tooSoon(RESEND_INTERVAL_SECONDS);
      const invitation = await tx.invitation.findUniqueOrThrow({
        where: { id: current.id },
        select: invitationSelect,
      });
      await recordAudit(
        tx,
        {
          actorId: org.userId,
          action: 'org.invitation_resent',
          organizationId: org.id,
          targetType: 'invitation',
          targetId: invitation.id,
          meta,
          after: withKey(org, { email: invitation.email, sendCount: invitation.sendCount }),
        },
        now,
      );
      const inviter = await inviterOf(tx, org);
      const locale = await mailLocale(tx, invitation.email, undefined, inviter);
      await queueMail(
        tx,
        { invitation, organizationId: org.id, inviter, locale, token: link.token, expiresAt: link.expiresAt },
        now,
      );
      return toInvitation(invitation, now);
    }),
  );
}

/**
 * Withdraws a pending invitation: its link answers link_invalid from now on. The rank rule of
 * inviting applies: an invitation the caller could not have sent (an admin and an owner
 * invitation) is not theirs to withdraw either (403 role_not_allowed, audited like the invite).
 */
export async function revokeInvitation(
  deps: AppDeps,
  meta: RequestMeta,
  org: OrgContext,
  invitationId: string,
): Promise<void> {
  const now = clockOf(deps).now();
  const target = { targetType: 'invitation', targetId: invitationId, attempt: { revoke: true } };
  await auditDenied(deps, org, meta, target, () =>
    deps.db.$transaction(async (tx) => {
      const current = await tx.invitation.findFirst({
        where: { id: invitationId, organizationId: org.id, ...PENDING },
        select: { id: true, email: true, role: true, expiresAt: true },
      });
      if (!current) throw notFound();
      if (!canGrantRole(await lockedActingRole(tx, org), current.role))
        throw roleNotAllowed('You cannot revoke an invitation with a role above your own.');
      const updated = await tx.invitation.updateMany({
        where: { id: current.id, ...PENDING },
        data: { revokedAt: now },
      });
      if (updated.count !== 1) throw notFound();
      await recordAudit(
        tx,
        {
          actorId: org.userId,
          action: 'org.invitation_revoked',
          organizationId: org.id,
          targetType: 'invitation',
          targetId: current.id,
          meta,
          before: { email: current.email, role: current.role },
          after: withKey(org, { revokedAt: now.toISOString() }),
        },
        now,
      );
      const ref = { ...current, expiresAt: current.expiresAt.toISOString() };
      await publishEvent(
        tx,
        { type: 'invitation.revoked', organizationIds: [org.id], data: { invitation: ref } },
        now,
      );
    }),
  );
}
