import type { Tx } from '@repo/db';

/** Unique without a lookup (it comes from the user id), and renameable later. */
export const personalOrganizationSlug = (userId: string) => `personal-${userId.replaceAll('-', '')}`;

/**
 * Every account gets a personal organization when it is created (A8), owned by it and made
 * active, so the app always opens somewhere. Call it inside the transaction that creates the
 * user (password sign-up, SSO sign-up, invitation sign-up), so the two commit together.
 */
export async function createPersonalOrganization(
  tx: Tx,
  user: { id: string; name: string },
  now: Date,
): Promise<{ id: string; slug: string }> {
  const organization = await tx.organization.create({
    data: {
      name: user.name,
      slug: personalOrganizationSlug(user.id),
      personal: true,
      createdAt: now,
      memberships: { create: { userId: user.id, role: 'owner', createdAt: now } },
    },
    select: { id: true, slug: true },
  });
  await tx.user.update({ where: { id: user.id }, data: { activeOrganizationId: organization.id } });
  return organization;
}

/**
 * The same for an account that may already have one (the seed, run on every `pnpm dev`): the
 * personal organization it owns is kept, and made active if none is; otherwise one is created
 * exactly as `createPersonalOrganization` does.
 */
export async function ensurePersonalOrganization(
  tx: Tx,
  user: { id: string; name: string },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const existing = await tx.membership.findFirst({
    where: { userId: user.id, role: 'owner', organization: { personal: true } },
    select: { organizationId: true },
  });
  if (!existing) {
    const { id } = await createPersonalOrganization(tx, user, now);
    return { id, created: true };
  }
  await tx.user.updateMany({
    where: { id: user.id, activeOrganizationId: null },
    data: { activeOrganizationId: existing.organizationId },
  });
  return { id: existing.organizationId, created: false };
}
