import {
  CreatedWebhookEndpoint,
  type CreateWebhookEndpointBody,
  RecoveredWebhooks,
  type UpdateWebhookEndpointBody,
  WebhookCatalog,
  WebhookDeliveryDetail,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookSecret,
  WebhookTestSent,
} from '@repo/contracts';
import type { z } from 'zod';
import { api } from './client';

/**
 * Browser calls for an organization's webhook endpoints and their delivery log
 * (docs/webhooks.md), every answer parsed with the contract schema.
 */

export type WebhookEndpointListResponse = z.infer<typeof WebhookEndpointList>;
export type CreatedWebhookEndpointResponse = z.infer<typeof CreatedWebhookEndpoint>;
export type WebhookSecretResponse = z.infer<typeof WebhookSecret>;
export type WebhookDeliveryListResponse = z.infer<typeof WebhookDeliveryList>;
export type WebhookDeliveryDetailResponse = z.infer<typeof WebhookDeliveryDetail>;
export type WebhookCatalogResponse = z.infer<typeof WebhookCatalog>;
export type WebhookDelivery = WebhookDeliveryListResponse['deliveries'][number];
export type WebhookDeliveryFilters = { eventType?: string; status?: string };

const hooksPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/webhooks`;
const hookPath = (orgId: string, endpointId: string) =>
  `${hooksPath(orgId)}/${encodeURIComponent(endpointId)}`;
const deliveryPath = (orgId: string, endpointId: string, deliveryId: string) =>
  `${hookPath(orgId, endpointId)}/deliveries/${encodeURIComponent(deliveryId)}`;

/** The public catalog of event types an endpoint can subscribe to. */
export function getWebhookCatalog(signal?: AbortSignal): Promise<WebhookCatalogResponse> {
  return api.get('/webhooks/catalog', { schema: WebhookCatalog, signal });
}

/** Newest first, a page at a time: pass the previous answer's `nextCursor` for the next one. */
export function listWebhookEndpoints(
  orgId: string,
  options: { cursor?: string | null; signal?: AbortSignal } = {},
): Promise<WebhookEndpointListResponse> {
  const query = options.cursor ? `?cursor=${encodeURIComponent(options.cursor)}` : '';
  return api.get(`${hooksPath(orgId)}${query}`, { schema: WebhookEndpointList, signal: options.signal });
}

export function getWebhookEndpoint(
  orgId: string,
  endpointId: string,
  signal?: AbortSignal,
): Promise<WebhookEndpoint> {
  return api.get(hookPath(orgId, endpointId), { schema: WebhookEndpoint, signal });
}

export function createWebhookEndpoint(
  orgId: string,
  body: z.input<typeof CreateWebhookEndpointBody>,
): Promise<CreatedWebhookEndpointResponse> {
  return api.post(hooksPath(orgId), body, { schema: CreatedWebhookEndpoint });
}

/** Edits, disables (`enabled: false`) or re-enables an endpoint. */
export function updateWebhookEndpoint(
  orgId: string,
  endpointId: string,
  body: z.input<typeof UpdateWebhookEndpointBody>,
): Promise<WebhookEndpoint> {
  return api.patch(hookPath(orgId, endpointId), body, { schema: WebhookEndpoint });
}

export function deleteWebhookEndpoint(orgId: string, endpointId: string): Promise<unknown> {
  return api.delete(hookPath(orgId, endpointId));
}

export function revealWebhookSecret(orgId: string, endpointId: string): Promise<WebhookSecretResponse> {
  return api.get(`${hookPath(orgId, endpointId)}/secret`, { schema: WebhookSecret });
}

/** `overlapSeconds`: how long the previous secret keeps signing too (0: not at all). */
export function rotateWebhookSecret(
  orgId: string,
  endpointId: string,
  overlapSeconds: number,
): Promise<WebhookSecretResponse> {
  return api.post(
    `${hookPath(orgId, endpointId)}/secret/rotate`,
    { overlapSeconds },
    { schema: WebhookSecret },
  );
}

export function sendWebhookTest(orgId: string, endpointId: string): Promise<z.infer<typeof WebhookTestSent>> {
  return api.post(`${hookPath(orgId, endpointId)}/test`, {}, { schema: WebhookTestSent });
}

export function listWebhookDeliveries(
  orgId: string,
  endpointId: string,
  options: WebhookDeliveryFilters & { cursor?: string | null; signal?: AbortSignal } = {},
): Promise<WebhookDeliveryListResponse> {
  const query = new URLSearchParams();
  if (options.eventType) query.set('eventType', options.eventType);
  if (options.status) query.set('status', options.status);
  if (options.cursor) query.set('cursor', options.cursor);
  const qs = query.toString() ? `?${query}` : '';
  return api.get(`${hookPath(orgId, endpointId)}/deliveries${qs}`, {
    schema: WebhookDeliveryList,
    signal: options.signal,
  });
}

export function getWebhookDelivery(
  orgId: string,
  endpointId: string,
  deliveryId: string,
  signal?: AbortSignal,
): Promise<WebhookDeliveryDetailResponse> {
  return api.get(deliveryPath(orgId, endpointId, deliveryId), { schema: WebhookDeliveryDetail, signal });
}

/** Only a finished delivery (succeeded or failed); a pending one answers 409. */
export function redeliverWebhook(orgId: string, endpointId: string, deliveryId: string): Promise<unknown> {
  return api.post(`${deliveryPath(orgId, endpointId, deliveryId)}/redeliver`, {});
}

/** Sends every failed message since `since` (ISO time) again; answers how many. */
export function recoverWebhooks(
  orgId: string,
  endpointId: string,
  since: string,
): Promise<z.infer<typeof RecoveredWebhooks>> {
  return api.post(`${hookPath(orgId, endpointId)}/recover`, { since }, { schema: RecoveredWebhooks });
}
