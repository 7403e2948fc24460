import { z } from 'zod';
import { listPage, listQuery } from './list';
import { singleLineText } from './text';
import { WebhookEventFilter, WebhookEventTypeSchema } from './webhook-events';

/** Webhook endpoints of an organization and their delivery log (docs/webhooks.md). */
export const WebhookEndpointParams = z.strictObject({ orgId: z.uuid(), endpointId: z.uuid() });
export const WebhookDeliveryParams = z.strictObject({
  orgId: z.uuid(),
  endpointId: z.uuid(),
  deliveryId: z.uuid(),
});

const at = z.iso.datetime();
const WebhookUrl = z.string().trim().min(1).max(2000).describe('https URL the events are POSTed to');
const EventFilters = z
  .array(WebhookEventFilter)
  .min(1)
  .max(50)
  .transform((list) => [...new Set(list)])
  .describe('Event types, `family.*` wildcards or `*`');

export const WebhookDisabledReason = z.enum(['manual', 'gone', 'failing']);
export const WebhookEndpointHealth = z.enum(['healthy', 'failing', 'disabled']);

export const WebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  ordered: z.boolean(),
  enabled: z.boolean(),
  health: WebhookEndpointHealth,
  disabledAt: at.nullable(),
  disabledReason: WebhookDisabledReason.nullable(),
  failingSince: at.nullable(),
  consecutiveFailures: z.number().int(),
  /** While a rotated secret still signs too. */
  previousSecretExpiresAt: at.nullable(),
  stats: z.object({
    /** Deliveries finished in the last 24 hours, and how many of them succeeded. */
    finished24h: z.number().int(),
    succeeded24h: z.number().int(),
    lastDeliveryAt: at.nullable(),
    lastDeliveryStatus: z.enum(['succeeded', 'failed']).nullable(),
  }),
  createdAt: at,
  updatedAt: at,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookEndpointListQuery = listQuery({
  sorts: ['createdAt:desc', 'createdAt:asc'],
  defaultSort: 'createdAt:desc',
});
export const WebhookEndpointList = listPage('endpoints', WebhookEndpoint);

export const CreateWebhookEndpointBody = z.strictObject({
  url: WebhookUrl,
  description: singleLineText({ min: 0, max: 200 }).default(''),
  eventTypes: EventFilters,
  ordered: z.boolean().default(false),
});
export const UpdateWebhookEndpointBody = z
  .strictObject({
    url: WebhookUrl.optional(),
    description: singleLineText({ min: 0, max: 200 }).optional(),
    eventTypes: EventFilters.optional(),
    ordered: z.boolean().optional(),
    /** false disables (reason `manual`); true re-enables and clears the failure count. */
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Nothing to change');

/** The secret is answered only here and at creation. */
export const CreatedWebhookEndpoint = z.object({ endpoint: WebhookEndpoint, secret: z.string() });
export const WebhookSecret = z.object({
  secret: z.string(),
  previousSecretExpiresAt: at.nullable(),
});
export const RotateWebhookSecretBody = z.strictObject({
  /** How long the previous secret keeps signing; 0 ends it at once. Default a day. */
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(86_400),
});

export const WebhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);
export const WebhookDelivery = z.object({
  id: z.string(),
  messageId: z.string(),
  eventType: z.string(),
  status: WebhookDeliveryStatus,
  attemptCount: z.number().int(),
  nextAttemptAt: at.nullable(),
  lastAttemptAt: at.nullable(),
  lastResponseStatus: z.number().int().nullable(),
  createdAt: at,
});
export const WebhookDeliveryListQuery = listQuery({
  sorts: ['createdAt:desc', 'createdAt:asc'],
  defaultSort: 'createdAt:desc',
  filters: {
    eventType: WebhookEventTypeSchema.optional(),
    status: WebhookDeliveryStatus.optional(),
    since: at.optional(),
    until: at.optional(),
    messageId: z.uuid().optional(),
  },
});
export const WebhookDeliveryList = listPage('deliveries', WebhookDelivery);

export const WebhookAttempt = z.object({
  number: z.number().int(),
  startedAt: at,
  durationMs: z.number().int().nullable(),
  url: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  responseStatus: z.number().int().nullable(),
  responseHeaders: z.record(z.string(), z.string()).nullable(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
});
export const WebhookDeliveryDetail = WebhookDelivery.extend({
  /** The exact body that was signed and sent. */
  body: z.string(),
  attempts: z.array(WebhookAttempt),
});

export const RecoverWebhookBody = z.strictObject({ since: at });
export const RecoveredWebhooks = z.object({ redelivered: z.number().int() });
export const WebhookTestSent = z.object({ messageId: z.string() });

/** The public catalog as the API serves it (the in-app catalog page reads this). */
export const WebhookCatalog = z.object({
  events: z.array(
    z.object({
      type: WebhookEventTypeSchema,
      version: z.number().int(),
      description: z.string(),
      example: z.unknown(),
    }),
  ),
});
