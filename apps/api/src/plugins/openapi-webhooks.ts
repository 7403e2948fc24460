import { WEBHOOK_EVENT_TYPES, WebhookEventCatalog, webhookEnvelope } from '@repo/contracts';
import { z } from 'zod';
import { jsonSchemaOverride } from './openapi-document';

type Json = Record<string, unknown>;

/** `api_key.rotated` → `apiKeyRotated`: operation ids a generator can name. */
const camel = (type: string) => type.replace(/[._]([a-z])/g, (_, c: string) => c.toUpperCase());

const header = (name: string, description: string, example: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
  example,
});

const SIGNATURE_HEADERS = [
  header(
    'webhook-id',
    'The message id: the same on every retry and redelivery. Deduplicate on it.',
    '0193a1b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b',
  ),
  header(
    'webhook-timestamp',
    'Seconds since the epoch when this attempt was sent. Reject old ones.',
    '1765101600',
  ),
  header(
    'webhook-signature',
    'Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` keyed with the endpoint secret (two during a secret rotation). See docs/webhooks.md.',
    'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  ),
];

/**
 * The top-level `webhooks` section of the OpenAPI 3.1 document: one entry per event of the
 * public catalog (@repo/contracts webhook-events), built from the same Zod schemas the API
 * validates with, so the document, the docs page and the in-app catalog cannot disagree.
 */
export function webhooksSection(): { webhooks: Json; schemas: Record<string, Json> } {
  const defs: Record<string, Json> = {};
  const webhooks = Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const entry = WebhookEventCatalog[type];
      const schema = toComponents(
        z.toJSONSchema(webhookEnvelope(type), {
          target: 'draft-2020-12',
          io: 'output',
          override: jsonSchemaOverride,
        }) as Json,
        defs,
      );
      const example = {
        id: '0193a1b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b',
        type,
        version: entry.version,
        timestamp: '2026-12-07T10:00:00.000Z',
        organizationId: '0193a1b2-0000-7000-8000-00000000a001',
        data: entry.example,
      };
      const operation = {
        operationId: `webhookEvents.${camel(type)}`,
        tags: ['webhooks'],
        summary: type,
        description: `${entry.description} Version ${entry.version}. Signed per Standard Webhooks v1; retried for about a day unless answered 2xx.`,
        // Groundwork calls the receiver; the receiver authenticates Groundwork by the signature.
        security: [],
        parameters: SIGNATURE_HEADERS,
        requestBody: { required: true, content: { 'application/json': { schema, example } } },
        responses: {
          '200': { description: 'Any 2xx status acknowledges the delivery.' },
          '410': { description: 'Gone: the endpoint is disabled and receives nothing more.' },
        },
      };
      return [type, { post: operation }];
    }),
  );
  return { webhooks, schemas: defs };
}

/**
 * Contract schemas registered by name (registerContractSchemas) come out of Zod as local
 * `$defs`; they become `$ref`s to the same `components.schemas` the paths use.
 */
function toComponents(schema: Json, defs: Record<string, Json>): Json {
  const { $schema: _, $defs, ...rest } = schema;
  for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, Json>)) defs[name] ??= def;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewrite(v),
      ]),
    );
  };
  for (const name of Object.keys(defs)) defs[name] = rewrite(defs[name]) as Json;
  return rewrite(rest) as Json;
}
