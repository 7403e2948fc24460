import { recordAudit } from '@repo/audit';
import { toSingleLineText } from '@repo/contracts';
import { normalizeEmail, Prisma, type Tx } from '@repo/db';
import { createPersonalOrganization } from '@repo/organizations';
import { publishUserCreated } from '@repo/outbox';
import { AppError } from '../../errors';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, systemClock } from '../../types';
import { completeFirstFactor, type FirstFactorOutcome } from '../two-factor';
import { type ProviderProfile, SsoFlowError } from './exchange';
import type { SsoProvider } from './providers';

/** RFC 8176 has no federated method; "fed" is the value Entra ID and others put in `amr`. */
export const SSO_AMR = ['fed'];

export interface SsoSignInInput {
  provider: SsoProvider;
  profile: ProviderProfile;
  locale: string;
  meta: RequestMeta;
  deviceCookie: string | undefined;
  trustedDeviceCookie: string | undefined;
}

const isUniqueViolation = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/**
 * The end of a provider sign-in (A5). A known identity (issuer, subject) signs its user in. A new
 * one creates an account only when the provider vouches for an address nobody uses yet: an
 * unverified address never creates nor links anything (sso_email_unverified), and an address that
 * already has an account is NOT linked (sso_account_exists) — whoever controls that provider
 * account must not get into ours by email alone; the owner signs in and links from settings.
 * Every success then goes through completeFirstFactor, so 2FA applies as for a password.
 */
export async function signInWithProvider(deps: AppDeps, input: SsoSignInInput): Promise<FirstFactorOutcome> {
  const { provider, profile, meta } = input;
  const now = (deps.clock ?? systemClock).now();
  const auditDetail = { provider: provider.id };
  try {
    return await deps.db.$transaction(async (tx) => {
      const identity = await tx.identity.findUnique({
        where: { issuer_subject: { issuer: provider.issuer, subject: profile.subject } },
      });
      let userId: string;
      if (identity) {
        userId = identity.userId;
        await tx.identity.update({
          where: { id: identity.id },
          data: { lastUsedAt: now, email: profile.email, emailVerified: profile.emailVerified },
        });
      } else {
        userId = await createAccount(tx, input, now);
      }
      return completeFirstFactor(deps, tx, {
        userId,
        amr: SSO_AMR,
        meta,
        deviceCookie: input.deviceCookie,
        trustedDeviceCookie: input.trustedDeviceCookie,
        auditAction: 'auth.sso_sign_in',
        auditDetail,
      });
    });
  } catch (error) {
    if (error instanceof SsoFlowError) throw error;
    if (error instanceof AppError && error.code === 'invalid_credentials')
      throw new SsoFlowError('sso_failed', 'account disabled or deleted', { cause: error });
    // Two callbacks racing to create the same identity or address: the loser is told to retry.
    if (isUniqueViolation(error))
      throw new SsoFlowError('sso_failed', 'concurrent sign-up', { cause: error });
    throw error;
  }
}

async function createAccount(tx: Tx, input: SsoSignInInput, now: Date): Promise<string> {
  const { provider, profile, meta } = input;
  if (!profile.email || !profile.emailVerified)
    throw new SsoFlowError('sso_email_unverified', 'provider did not verify the address');
  const email = normalizeEmail(profile.email);
  const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) throw new SsoFlowError('sso_account_exists', 'address already has an account');
  // The provider's name is held to the same text rule as a typed one (@repo/contracts text.ts).
  const name = (toSingleLineText(profile.name ?? '') || email.split('@')[0] || email).slice(0, 100);
  const locale = ['en', 'fr', 'ar'].includes(input.locale) ? input.locale : 'en';
  // No password: this account signs in with its provider until the owner sets one (reset flow).
  const user = await tx.user.create({
    data: { email, name, locale, emailVerifiedAt: now, createdAt: now },
    select: { id: true },
  });
  const personal = await createPersonalOrganization(tx, { id: user.id, name }, now);
  await publishUserCreated(tx, user.id, personal.id, now);
  const identity = await tx.identity.create({
    data: {
      userId: user.id,
      provider: provider.id,
      issuer: provider.issuer,
      subject: profile.subject,
      email,
      emailVerified: true,
      lastUsedAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
  await recordAudit(
    tx,
    {
      actorId: user.id,
      action: 'auth.sign_up',
      targetType: 'user',
      targetId: user.id,
      meta,
      after: { email, name, locale, via: provider.id },
    },
    now,
  );
  await recordAudit(
    tx,
    {
      actorId: user.id,
      action: 'auth.identity_linked',
      targetType: 'identity',
      targetId: identity.id,
      meta,
      after: { provider: provider.id, email },
    },
    now,
  );
  return user.id;
}

/**
 * Links a provider identity to the signed-in user (settings, sudo mode). The provider's email
 * does not matter here: the user proved both ends. An identity already linked to someone else
 * stays theirs (sso_identity_in_use); linking the same one twice is a no-op.
 */
export async function linkIdentity(
  deps: AppDeps,
  input: { userId: string; provider: SsoProvider; profile: ProviderProfile; meta: RequestMeta },
): Promise<void> {
  const { provider, profile, meta, userId } = input;
  const now = (deps.clock ?? systemClock).now();
  try {
    await deps.db.$transaction(async (tx) => {
      const existing = await tx.identity.findUnique({
        where: { issuer_subject: { issuer: provider.issuer, subject: profile.subject } },
      });
      if (existing) {
        if (existing.userId !== userId)
          throw new SsoFlowError('sso_identity_in_use', 'linked to another account');
        return;
      }
      const identity = await tx.identity.create({
        data: {
          userId,
          provider: provider.id,
          issuer: provider.issuer,
          subject: profile.subject,
          email: profile.email,
          emailVerified: profile.emailVerified,
          createdAt: now,
        },
        select: { id: true },
      });
      await recordAudit(
        tx,
        {
          actorId: userId,
          action: 'auth.identity_linked',
          targetType: 'identity',
          targetId: identity.id,
          meta,
          after: { provider: provider.id, email: profile.email },
        },
        now,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new SsoFlowError('sso_identity_in_use', 'linked concurrently', { cause: error });
    throw error;
  }
}
