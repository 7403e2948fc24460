import type { WebhookEndpoint } from '@repo/contracts';
import type { Prisma } from '@repo/db';
import { checkUrl, type GuardPolicy, guardPolicy, UrlRefusedError } from '@repo/webhooks';
import { AppError } from '../../errors';
import type { AppDeps } from '../../types';

export type WebhookDeps = Pick<AppDeps, 'db' | 'env' | 'clock'>;
export type WebhookReadDeps = Pick<AppDeps, 'db' | 'clock'>;

const policies = new WeakMap<object, GuardPolicy>();
/** The URL guard as configured (the same rules the worker applies at every delivery). */
export function policyOf(env: AppDeps['env']): GuardPolicy {
  let policy = policies.get(env);
  if (!policy) {
    policy = guardPolicy({ allowHttp: env.WEBHOOK_ALLOW_HTTP, allowCidrs: env.WEBHOOK_ALLOWED_CIDRS });
    policies.set(env, policy);
  }
  return policy;
}

/** Registration-time check: a refusal is 422 webhook_url_refused with the reason on `url`. */
export async function assertDeliverableUrl(env: AppDeps['env'], url: string): Promise<string> {
  try {
    return (await checkUrl(url, policyOf(env))).toString();
  } catch (error) {
    if (!(error instanceof UrlRefusedError)) throw error;
    throw new AppError('webhook_url_refused', `Webhooks cannot be sent to this URL: ${error.detail}.`, {
      errors: [{ path: 'url', code: error.reason, message: error.detail }],
    });
  }
}

export const endpointSelect = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  ordered: true,
  disabledAt: true,
  disabledReason: true,
  consecutiveFailures: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;
export type EndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof endpointSelect }>;

export interface EndpointStats {
  finished24h: number;
  succeeded24h: number;
  lastDeliveryAt: Date | null;
  lastDeliveryStatus: 'succeeded' | 'failed' | null;
}
export const NO_STATS: EndpointStats = {
  finished24h: 0,
  succeeded24h: 0,
  lastDeliveryAt: null,
  lastDeliveryStatus: null,
};

export function toEndpoint(row: EndpointRow, stats: EndpointStats, now: Date): WebhookEndpoint {
  const overlap =
    row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    ordered: row.ordered,
    enabled: row.disabledAt === null,
    health: row.disabledAt ? 'disabled' : row.failingSince ? 'failing' : 'healthy',
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: (row.disabledReason as WebhookEndpoint['disabledReason']) ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    consecutiveFailures: row.consecutiveFailures,
    previousSecretExpiresAt: overlap?.toISOString() ?? null,
    stats: {
      finished24h: stats.finished24h,
      succeeded24h: stats.succeeded24h,
      lastDeliveryAt: stats.lastDeliveryAt?.toISOString() ?? null,
      lastDeliveryStatus: stats.lastDeliveryStatus,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const endpointNotFound = () => new AppError('not_found', 'No such webhook endpoint.');
