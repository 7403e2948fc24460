import { recordAudit } from '@repo/audit';
import type { IdentityListQuery, IdentityView } from '@repo/contracts';
import { AppError } from '../../errors';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, systemClock } from '../../types';
import type { SsoProvider } from './providers';

const identityList = defineList({
  sorts: {
    'createdAt:asc': { field: 'createdAt', type: 'timestamp' },
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
  },
});

/**
 * A page of the user's linked identities (lists convention), labelled with the provider's current
 * label when configured. A cursor is bound to the user.
 */
export async function listIdentities(
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  providers: SsoProvider[],
  query: IdentityListQuery,
): Promise<{ identities: IdentityView[]; nextCursor: string | null }> {
  const k = keyset(identityList, query, { scope: userId });
  const rows = await deps.db.identity.findMany({
    where: { AND: [{ userId }, k.where] },
    orderBy: k.orderBy,
    take: k.take,
  });
  const { items, nextCursor } = k.page(rows, (r) => ({
    id: r.id,
    provider: r.provider,
    label: providers.find((p) => p.id === r.provider)?.label ?? r.provider,
    email: r.email,
    emailVerified: r.emailVerified,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
  return { identities: items, nextCursor };
}

/**
 * Unlinks one of the user's identities, unless it is the last way in (no password and no other
 * identity → 409 last_sign_in_method). The user row is locked first, so two concurrent unlinks of
 * an account's last two identities cannot both pass the check.
 */
export async function unlinkIdentity(
  deps: AppDeps,
  input: { userId: string; identityId: string; meta: RequestMeta },
): Promise<void> {
  const now = (deps.clock ?? systemClock).now();
  await deps.db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ has_password: boolean }[]>`
      SELECT password_hash IS NOT NULL AS has_password FROM users WHERE id = ${input.userId}::uuid FOR UPDATE`;
    const identity = await tx.identity.findFirst({ where: { id: input.identityId, userId: input.userId } });
    if (!identity || !locked[0]) throw new AppError('not_found', 'No such connected account.');
    const others = await tx.identity.count({ where: { userId: input.userId, id: { not: identity.id } } });
    if (!locked[0].has_password && others === 0) {
      throw new AppError(
        'last_sign_in_method',
        'This is the only way to sign in to your account: set a password or connect another provider first.',
      );
    }
    await tx.identity.delete({ where: { id: identity.id } });
    await recordAudit(
      tx,
      {
        actorId: input.userId,
        action: 'auth.identity_unlinked',
        targetType: 'identity',
        targetId: identity.id,
        meta: input.meta,
        before: { provider: identity.provider, email: identity.email },
      },
      now,
    );
  });
}
