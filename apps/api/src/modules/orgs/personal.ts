import type { Tx } from '@repo/db';

/**
 * Every account gets a personal organization at sign-up (A8), owned by it and made active, so the
 * app always opens somewhere. Called inside the transaction that creates the user (password
 * sign-up, SSO sign-up, invitation sign-up, seed). The slug comes from the user id: unique
 * without a lookup, and renameable later.
 */
export async function createPersonalOrganization(
  tx: Tx,
  user: { id: string; name: string },
  now: Date,
): Promise<{ id: string; slug: string }> {
  const organization = await tx.organization.create({
    data: {
      name: user.name,
      slug: `personal-${user.id.replaceAll('-', '')}`,
      personal: true,
      createdAt: now,
      memberships: { create: { userId: user.id, role: 'owner', createdAt: now } },
    },
    select: { id: true, slug: true },
  });
  await tx.user.update({ where: { id: user.id }, data: { activeOrganizationId: organization.id } });
  return organization;
}
