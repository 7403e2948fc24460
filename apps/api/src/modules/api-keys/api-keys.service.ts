import { recordAudit } from '@repo/audit';
import type { ApiKey, ApiKeyListQuery, ApiKeyScope } from '@repo/contracts';
import type { Prisma, Tx } from '@repo/db';
import { publishEvent } from '@repo/outbox';
import { AppError } from '../../errors';
import { generateApiKey } from '../../lib/api-keys';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import { type AppDeps, systemClock } from '../../types';

export type ApiKeyDeps = Pick<AppDeps, 'db' | 'env' | 'clock'>;

/** Who manages the keys: a member with apikeys:manage (API keys never reach these routes). */
export interface KeyActor {
  organizationId: string;
  userId: string;
  meta: RequestMeta;
}

/** Farthest expiry a new key may have: a year, plus a day of slack for time zones and leap years. */
export const API_KEY_MAX_LIFETIME_DAYS = 366;
const DAY_MS = 86_400_000;

const keySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  replacedById: true,
  lastUsedAt: true,
  lastUsedIp: true,
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.ApiKeySelect;
type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof keySelect }>;

type StatusFields = Pick<KeyRow, 'revokedAt' | 'expiresAt' | 'replacedById'>;

/** revoked > expired > expiring (rotated, still inside its overlap) > active. */
export function apiKeyStatus(key: StatusFields, now: Date): ApiKey['status'] {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  if (key.replacedById) return 'expiring';
  return 'active';
}

export function toApiKey(row: KeyRow, now: Date): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    status: apiKeyStatus(row, now),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp,
    replacedById: row.replacedById,
  };
}

/** A key as the webhook catalog describes it: never its secret or hash. */
const keyRef = (row: KeyRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as ApiKeyScope[],
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

const now = (deps: ApiKeyDeps) => (deps.clock ?? systemClock).now();

const apiKeyList = defineList({
  sorts: {
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
    'createdAt:asc': { field: 'createdAt', type: 'timestamp' },
    'name:asc': { field: 'name', type: 'text' },
  },
});

/** Newest first by default (lists convention); a cursor is bound to the organization. */
export async function listApiKeys(deps: ApiKeyDeps, organizationId: string, query: ApiKeyListQuery) {
  const at = now(deps);
  const k = keyset(apiKeyList, query, { scope: organizationId });
  const where: Prisma.ApiKeyWhereInput = { organizationId };
  if (query.q) where.name = { contains: query.q, mode: 'insensitive' };
  const rows = await deps.db.apiKey.findMany({
    where: { AND: [where, k.where] },
    orderBy: k.orderBy,
    take: k.take,
    select: keySelect,
  });
  const { items, nextCursor } = k.page(rows, (row) => toApiKey(row, at));
  return { apiKeys: items, nextCursor };
}

/** expiresAt must lie in the future and at most API_KEY_MAX_LIFETIME_DAYS ahead. */
export function parseExpiry(value: string | undefined, at: Date): Date | null {
  if (value === undefined) return null;
  const expiresAt = new Date(value);
  const fail = (code: string, message: string) =>
    new AppError('validation_failed', message, { errors: [{ path: 'expiresAt', code, message }] });
  if (expiresAt <= at) throw fail('too_small', 'The expiry must be in the future.');
  if (expiresAt.getTime() > at.getTime() + API_KEY_MAX_LIFETIME_DAYS * DAY_MS) {
    throw fail('too_big', `The expiry must be at most ${API_KEY_MAX_LIFETIME_DAYS} days away.`);
  }
  return expiresAt;
}

interface NewKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
}

async function insertKey(tx: Tx, actor: KeyActor, input: NewKeyInput, at: Date) {
  const generated = generateApiKey();
  const row = await tx.apiKey.create({
    data: {
      organizationId: actor.organizationId,
      createdById: actor.userId,
      name: input.name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes: input.scopes,
      expiresAt: input.expiresAt,
      createdAt: at,
    },
    select: keySelect,
  });
  return { row, key: generated.key };
}

/** Creates a key; the full key is in the result and nowhere else (only its hash is stored). */
export async function createApiKey(
  deps: ApiKeyDeps,
  actor: KeyActor,
  body: { name: string; scopes: ApiKeyScope[]; expiresAt?: string },
) {
  const at = now(deps);
  const expiresAt = parseExpiry(body.expiresAt, at);
  return deps.db.$transaction(async (tx) => {
    const { row, key } = await insertKey(tx, actor, { name: body.name, scopes: body.scopes, expiresAt }, at);
    await recordAudit(
      tx,
      {
        actorId: actor.userId,
        action: 'org.apikey_created',
        organizationId: actor.organizationId,
        targetType: 'api_key',
        targetId: row.id,
        meta: actor.meta,
        after: { name: row.name, prefix: row.prefix, scopes: row.scopes, expiresAt: row.expiresAt },
      },
      at,
    );
    await publishEvent(
      tx,
      { type: 'api_key.created', organizationIds: [actor.organizationId], data: { apiKey: keyRef(row) } },
      at,
    );
    return { apiKey: toApiKey(row, at), key };
  });
}

/**
 * Replaces a key without downtime: the new key gets the same name, scopes and expiry; the old one
 * keeps working for API_KEY_ROTATION_OVERLAP_SECONDS (or until its own, earlier expiry) so
 * deployments can switch over. Only a live key that was not rotated already can be rotated.
 */
export async function rotateApiKey(deps: ApiKeyDeps, actor: KeyActor, keyId: string) {
  const at = now(deps);
  return deps.db.$transaction(async (tx) => {
    // The row lock serializes two concurrent rotations of the same key: the second sees replacedById.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM api_keys WHERE id = ${keyId}::uuid AND organization_id = ${actor.organizationId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError('not_found', 'No such API key.');
    const old = await tx.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: keySelect });
    const status = apiKeyStatus(old, at);
    if (status !== 'active') {
      throw new AppError('conflict', `This key is ${status}; only an active key can be rotated.`);
    }
    const { row, key } = await insertKey(
      tx,
      actor,
      { name: old.name, scopes: old.scopes as ApiKeyScope[], expiresAt: old.expiresAt },
      at,
    );
    const overlapEnd = new Date(at.getTime() + deps.env.API_KEY_ROTATION_OVERLAP_SECONDS * 1000);
    const oldExpiresAt = old.expiresAt && old.expiresAt < overlapEnd ? old.expiresAt : overlapEnd;
    const previous = await tx.apiKey.update({
      where: { id: old.id },
      data: { replacedById: row.id, expiresAt: oldExpiresAt },
      select: keySelect,
    });
    await recordAudit(
      tx,
      {
        actorId: actor.userId,
        action: 'org.apikey_rotated',
        organizationId: actor.organizationId,
        targetType: 'api_key',
        targetId: old.id,
        meta: actor.meta,
        before: { prefix: old.prefix, expiresAt: old.expiresAt },
        after: { prefix: old.prefix, expiresAt: oldExpiresAt, replacedById: row.id, newPrefix: row.prefix },
      },
      at,
    );
    await publishEvent(
      tx,
      {
        type: 'api_key.rotated',
        organizationIds: [actor.organizationId],
        data: { apiKey: keyRef(row), previous: keyRef(previous) },
      },
      at,
    );
    return { apiKey: toApiKey(row, at), key, previous: toApiKey(previous, at) };
  });
}

/** Revokes at once (the next request with it fails). Revoking a revoked key just returns it. */
export async function revokeApiKey(deps: ApiKeyDeps, actor: KeyActor, keyId: string) {
  const at = now(deps);
  return deps.db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id: keyId, organizationId: actor.organizationId },
      select: keySelect,
    });
    if (!key) throw new AppError('not_found', 'No such API key.');
    if (key.revokedAt) return toApiKey(key, at);
    // Conditional: a concurrent revocation keeps the first timestamp and writes one audit row.
    const { count } = await tx.apiKey.updateMany({
      where: { id: key.id, revokedAt: null },
      data: { revokedAt: at },
    });
    const revoked = await tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: keySelect });
    if (count === 1) {
      await recordAudit(
        tx,
        {
          actorId: actor.userId,
          action: 'org.apikey_revoked',
          organizationId: actor.organizationId,
          targetType: 'api_key',
          targetId: key.id,
          meta: actor.meta,
          after: { prefix: key.prefix, revokedAt: at },
        },
        at,
      );
      await publishEvent(
        tx,
        {
          type: 'api_key.revoked',
          organizationIds: [actor.organizationId],
          data: { apiKey: keyRef(revoked) },
        },
        at,
      );
    }
    return toApiKey(revoked, at);
  });
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Requests per UTC day over the last `days` days (today included), oldest first, gaps as 0. */
export async function apiKeyUsage(deps: ApiKeyDeps, organizationId: string, keyId: string, days: number) {
  const at = now(deps);
  const key = await deps.db.apiKey.findFirst({ where: { id: keyId, organizationId }, select: { id: true } });
  if (!key) throw new AppError('not_found', 'No such API key.');
  const today = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const first = new Date(today - (days - 1) * DAY_MS);
  const rows = await deps.db.apiKeyUsage.findMany({
    where: { apiKeyId: key.id, day: { gte: first } },
    select: { day: true, count: true },
  });
  const counts = new Map(rows.map((r) => [utcDay(r.day), r.count]));
  const series = Array.from({ length: days }, (_, i) => {
    const day = utcDay(new Date(first.getTime() + i * DAY_MS));
    return { day, count: counts.get(day) ?? 0 };
  });
  return { days: series, total: series.reduce((sum, d) => sum + d.count, 0) };
}
