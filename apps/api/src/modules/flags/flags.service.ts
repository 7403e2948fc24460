import { recordAudit } from '@repo/audit';
import type {
  AdminFlag,
  AdminFlagEvaluation,
  AdminFlagEvaluationQuery,
  AdminFlagList,
  AdminFlagListQuery,
} from '@repo/contracts';
import { Prisma } from '@repo/db';
import { type EvaluationContext, evaluate, FlagDefinition } from '@repo/flags';
import { publishFlagChange } from '@repo/flags/runtime';
import { AppError } from '../../errors';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';

interface FlagRow {
  key: string;
  definition: Prisma.JsonValue;
  createdAt: Date;
  updatedAt: Date;
  updatedById: string | null;
}

export interface Actor {
  actorId: string;
  meta: RequestMeta;
}

const toAdminFlag = (row: FlagRow): AdminFlag => ({
  key: row.key,
  definition: row.definition as Record<string, unknown>,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  updatedById: row.updatedById,
});

const asJson = (definition: FlagDefinition) => definition as unknown as Prisma.InputJsonValue;

const notFound = () => new AppError('not_found', 'No such feature flag.');

/**
 * Tells every process after the commit. This instance reloads before answering (read-your-writes
 * for the admin, and up to date even when Redis is down); the others reload on the message.
 */
async function announce(deps: AppDeps, key: string) {
  deps.flags.requestReload();
  await Promise.all([
    publishFlagChange(deps.redis, deps.env.REDIS_PREFIX, key, deps.logger),
    deps.flags.settled(),
  ]);
}

/** The key is the primary key: unique by itself, no tie-breaker. */
const flagList = defineList({
  sorts: {
    'key:asc': { field: 'key', type: 'text' },
    'key:desc': { field: 'key', type: 'text' },
  },
  id: null,
});

/** A page of the flags (lists convention), by key. */
export async function listFlags(
  deps: Pick<AppDeps, 'db'>,
  query: AdminFlagListQuery,
): Promise<AdminFlagList> {
  const k = keyset(flagList, query);
  const rows = await deps.db.featureFlag.findMany({ where: k.where, orderBy: k.orderBy, take: k.take });
  const { items, nextCursor } = k.page(rows, toAdminFlag);
  return { flags: items, nextCursor };
}

export async function getFlag(deps: AppDeps, key: string): Promise<AdminFlag> {
  const row = await deps.db.featureFlag.findUnique({ where: { key } });
  if (!row) throw notFound();
  return toAdminFlag(row);
}

export async function createFlag(
  deps: AppDeps,
  actor: Actor,
  definition: FlagDefinition,
): Promise<AdminFlag> {
  const row = await deps.db
    .$transaction(async (tx) => {
      const created = await tx.featureFlag.create({
        data: { key: definition.key, definition: asJson(definition), updatedById: actor.actorId },
      });
      await recordAudit(tx, {
        actorId: actor.actorId,
        action: 'admin.flag_created',
        targetType: 'feature_flag',
        targetId: definition.key,
        meta: actor.meta,
        before: null,
        after: definition,
      });
      return created;
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new AppError('conflict', `A flag with the key "${definition.key}" already exists.`);
      throw error;
    });
  await announce(deps, row.key);
  return toAdminFlag(row);
}

export async function replaceFlag(
  deps: AppDeps,
  actor: Actor,
  key: string,
  definition: FlagDefinition,
): Promise<AdminFlag> {
  if (definition.key !== key)
    throw new AppError('validation_failed', 'The key in the body must match the key in the URL.', {
      errors: [{ path: 'key', message: `expected "${key}"`, code: 'key_mismatch' }],
    });
  const row = await deps.db.$transaction(async (tx) => {
    // Row lock: two concurrent updates produce two audit rows with consistent before/after.
    const locked = await tx.$queryRaw<{ definition: unknown }[]>`
      SELECT definition FROM feature_flags WHERE key = ${key} FOR UPDATE`;
    const before = locked[0];
    if (!before) throw notFound();
    const updated = await tx.featureFlag.update({
      where: { key },
      data: { definition: asJson(definition), updatedById: actor.actorId },
    });
    await recordAudit(tx, {
      actorId: actor.actorId,
      action: 'admin.flag_updated',
      targetType: 'feature_flag',
      targetId: key,
      meta: actor.meta,
      before: before.definition,
      after: definition,
    });
    return updated;
  });
  await announce(deps, key);
  return toAdminFlag(row);
}

export async function deleteFlag(deps: AppDeps, actor: Actor, key: string): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const deleted = await tx.$queryRaw<{ definition: unknown }[]>`
      DELETE FROM feature_flags WHERE key = ${key} RETURNING definition`;
    const before = deleted[0];
    if (!before) throw notFound();
    await recordAudit(tx, {
      actorId: actor.actorId,
      action: 'admin.flag_deleted',
      targetType: 'feature_flag',
      targetId: key,
      meta: actor.meta,
      before: before.definition,
      after: null,
    });
  });
  await announce(deps, key);
}

/** The context a user is evaluated with: id, global role, email, active organization. */
async function contextOf(deps: AppDeps, userId: string): Promise<EvaluationContext | null> {
  const user = await deps.db.user.findFirst({
    where: { id: userId, deletedAt: null },
    select: { id: true, role: true, email: true, activeOrganizationId: true },
  });
  if (!user) return null;
  return { userId: user.id, role: user.role, email: user.email, organizationId: user.activeOrganizationId };
}

/** Which variant a user/organization gets from the stored definition, and why (admin). */
export async function explainFlag(
  deps: AppDeps,
  key: string,
  query: AdminFlagEvaluationQuery,
): Promise<AdminFlagEvaluation> {
  const row = await deps.db.featureFlag.findUnique({ where: { key }, select: { definition: true } });
  if (!row) throw notFound();
  let context: EvaluationContext = {};
  if (query.userId) {
    const found = await contextOf(deps, query.userId);
    if (!found) throw new AppError('not_found', 'No such user.');
    context = found;
  }
  if (query.organizationId) context = { ...context, organizationId: query.organizationId };
  const definition = FlagDefinition.parse(row.definition);
  const result = evaluate(definition, context, deps.flags.environment);
  return {
    key,
    environment: deps.flags.environment,
    context: {
      userId: context.userId ?? null,
      organizationId: context.organizationId ?? null,
      role: context.role ?? null,
      email: context.email ?? null,
    },
    ...result,
  };
}

/** Every flag evaluated for the signed-in user, from this instance's in-memory set. */
export async function flagsForUser(deps: AppDeps, userId: string) {
  const context = (await contextOf(deps, userId)) ?? { userId };
  const results = deps.flags.evaluateAll(context);
  const flags: Record<string, { variant: string; value: unknown }> = {};
  for (const [key, { variant, value }] of Object.entries(results)) flags[key] = { variant, value };
  return { flags };
}
