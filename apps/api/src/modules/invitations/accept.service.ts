import { recordAudit } from '@repo/audit';
import {
  type InvitationPreview,
  type InvitationSignUpBody,
  imageUrlOf,
  type OrgSummary,
} from '@repo/contracts';
import { normalizeEmail, type Tx } from '@repo/db';
import { createPersonalOrganization } from '@repo/organizations';
import { memberRef, publishEvent, publishUserCreated } from '@repo/outbox';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { hashToken } from '../../lib/crypto-tokens';
import { hashPassword } from '../../lib/password';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, clockOf } from '../../types';
import { assertPasswordPolicy, countMailingAttempt, linkTokenInvalid } from '../accounts';
import { lockOrganization } from '../orgs';
import { completeFirstFactor, type OpenedSession } from '../two-factor';
import { PENDING } from './invitations.service';

/**
 * The invitee's side of an invitation, reached with the emailed token. Unknown, used, expired,
 * declined and revoked links all answer the same 400 link_invalid. Every way of using a link
 * consumes it with one conditional UPDATE, so of concurrent uses exactly one wins.
 */

/** A usable invitation: not consumed in any way and not expired. */
const usable = (tokenHash: string, now: Date) => ({ tokenHash, ...PENDING, expiresAt: { gt: now } });

async function findUsable(db: AppDeps['db'] | Tx, token: string, now: Date) {
  return db.invitation.findFirst({
    where: usable(hashToken(token), now),
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      organization: { select: { id: true, name: true, slug: true } },
      invitedBy: { select: { name: true } },
    },
  });
}
type UsableInvitation = NonNullable<Awaited<ReturnType<typeof findUsable>>>;

/**
 * Marks the invitation accepted or declined if it is still usable. Returns false when another
 * request consumed it (or it expired) in the meantime.
 */
async function consume(
  tx: Tx,
  token: string,
  field: 'acceptedAt' | 'declinedAt',
  now: Date,
): Promise<boolean> {
  const { count } = await tx.invitation.updateMany({
    where: usable(hashToken(token), now),
    data: { [field]: now },
  });
  return count === 1;
}

/** What the landing page shows whoever holds the link. */
export async function previewInvitation(deps: AppDeps, token: string): Promise<InvitationPreview> {
  const now = clockOf(deps).now();
  const invitation = await findUsable(deps.db, token, now);
  if (!invitation) throw linkTokenInvalid();
  const account = await deps.db.user.findFirst({
    where: { email: invitation.email, deletedAt: null },
    select: { id: true },
  });
  return {
    organization: invitation.organization,
    invitedBy: invitation.invitedBy?.name ?? null,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    accountExists: account !== null,
  };
}

/**
 * Makes `userId` a member with the invited role (an existing membership is kept as it is) and
 * the organization their active one. Runs under the organization lock, like every membership change.
 */
async function join(
  tx: Tx,
  invitation: UsableInvitation,
  userId: string,
  meta: RequestMeta,
  now: Date,
): Promise<OrgSummary> {
  const organizationId = invitation.organization.id;
  const { count: joined } = await tx.membership.createMany({
    data: [{ organizationId, userId, role: invitation.role, createdAt: now }],
    skipDuplicates: true,
  });
  const membership = await tx.membership.findUniqueOrThrow({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true, organization: { select: { personal: true, logoFileId: true } } },
  });
  await tx.user.update({ where: { id: userId }, data: { activeOrganizationId: organizationId } });
  await recordAudit(
    tx,
    {
      actorId: userId,
      action: 'org.invitation_accepted',
      organizationId,
      targetType: 'invitation',
      targetId: invitation.id,
      meta,
      after: { email: invitation.email, invitedRole: invitation.role, role: membership.role },
    },
    now,
  );
  const organizationIds = [organizationId];
  const ref = {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
  };
  await publishEvent(
    tx,
    { type: 'invitation.accepted', organizationIds, data: { invitation: ref, userId } },
    now,
  );
  // Already a member (an earlier invitation won): the membership did not change.
  if (joined === 1) {
    const member = await memberRef(tx, organizationId, userId);
    await publishEvent(tx, { type: 'member.added', organizationIds, data: { member } }, now);
  }
  return {
    ...invitation.organization,
    personal: membership.organization.personal,
    role: membership.role,
    logoUrl: imageUrlOf(membership.organization.logoFileId),
  };
}

/** The signed-in invitee joins. The invitation is for one address: another account gets 403. */
export async function acceptInvitation(
  deps: AppDeps,
  meta: RequestMeta,
  userId: string,
  token: string,
): Promise<OrgSummary> {
  const now = clockOf(deps).now();
  const invitation = await findUsable(deps.db, token, now);
  if (!invitation) throw linkTokenInvalid();
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: { email: true, deletedAt: true },
  });
  if (!user || user.deletedAt) throw new AppError('unauthorized');
  if (normalizeEmail(user.email) !== invitation.email)
    throw new AppError(
      'invitation_email_mismatch',
      'This invitation was sent to another email address: sign in with that account.',
    );
  return deps.db.$transaction(async (tx) => {
    await lockOrganization(tx, invitation.organization.id);
    if (!(await consume(tx, token, 'acceptedAt', now))) throw linkTokenInvalid();
    return join(tx, invitation, userId, meta, now);
  });
}

/** Whoever holds the link may turn it down ("not me"); it stops working. */
export async function declineInvitation(
  deps: AppDeps,
  meta: RequestMeta,
  actorId: string | null,
  token: string,
): Promise<void> {
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    const invitation = await findUsable(tx, token, now);
    if (!invitation || !(await consume(tx, token, 'declinedAt', now))) throw linkTokenInvalid();
    await recordAudit(
      tx,
      {
        actorId,
        action: 'org.invitation_declined',
        organizationId: invitation.organization.id,
        targetType: 'invitation',
        targetId: invitation.id,
        meta,
        after: { email: invitation.email, role: invitation.role },
      },
      now,
    );
  });
}

export interface InvitationSignUpResult {
  organization: OrgSummary;
  session: OpenedSession;
}

/**
 * Creates the account of an invitee who has none: the link proves the address, so it is verified
 * at once. User, personal organization, membership, consumed invitation and the first session
 * commit together; a link used meanwhile rolls all of it back (400 link_invalid).
 */
export async function signUpWithInvitation(
  deps: AppDeps,
  meta: RequestMeta,
  input: z.output<typeof InvitationSignUpBody>,
  cookies: { deviceCookie: string | undefined },
): Promise<InvitationSignUpResult> {
  const now = clockOf(deps).now();
  const invitation = await findUsable(deps.db, input.token, now);
  if (!invitation) throw linkTokenInvalid();
  const email = invitation.email;
  const existing = await deps.db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw accountExists();
  // Same per-IP and per-address budget as the public sign-up.
  await countMailingAttempt(deps, meta, 'sign_up', email);
  assertPasswordPolicy(input.password, { email, name: input.name });
  const passwordHash = await hashPassword(input.password);

  return deps.db.$transaction(async (tx) => {
    // The link first: of two concurrent sign-ups with it, the loser waits here and gets link_invalid.
    await lockOrganization(tx, invitation.organization.id);
    if (!(await consume(tx, input.token, 'acceptedAt', now))) throw linkTokenInvalid();
    // ON CONFLICT DO NOTHING: an account created for the address meanwhile must not abort with P2002.
    const [user] = await tx.user.createManyAndReturn({
      data: [
        {
          email,
          name: input.name,
          passwordHash,
          locale: input.locale,
          emailVerifiedAt: now,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
      select: { id: true, name: true },
    });
    if (!user) throw accountExists();
    await recordAudit(
      tx,
      {
        actorId: user.id,
        action: 'auth.sign_up',
        targetType: 'user',
        targetId: user.id,
        meta,
        after: { email, name: input.name, locale: input.locale, invitationId: invitation.id },
      },
      now,
    );
    const personal = await createPersonalOrganization(tx, user, now);
    await publishUserCreated(tx, user.id, personal.id, now);
    const organization = await join(tx, invitation, user.id, meta, now);
    // Exactly what password sign-in does after the password checks out (a new account has no 2FA).
    const session = await completeFirstFactor(deps, tx, {
      userId: user.id,
      amr: ['pwd'],
      meta,
      deviceCookie: cookies.deviceCookie,
    });
    if (session.kind !== 'session') throw new Error('a brand-new account cannot have a second factor');
    return { organization, session };
  });
}

function accountExists(): AppError {
  return new AppError('account_exists', 'This address already has an account: sign in to accept.');
}
