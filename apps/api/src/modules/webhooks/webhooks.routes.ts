import {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointBody,
  RecoveredWebhooks,
  RecoverWebhookBody,
  RotateWebhookSecretBody,
  UpdateWebhookEndpointBody,
  WebhookCatalog,
  WebhookDeliveryDetail,
  WebhookDeliveryList,
  WebhookDeliveryListQuery,
  WebhookDeliveryParams,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEndpointListQuery,
  WebhookEndpointParams,
  WebhookEventCatalog,
  WebhookSecret,
  WebhookTestSent,
} from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { orgOf } from '../../plugins/access';
import type { AppDeps } from '../../types';
import { getDelivery, listDeliveries, recoverSince, redeliver } from './deliveries.service';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  revealSecret,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from './endpoints.service';

export interface WebhooksRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 403, 404, 429);
const OrgParams = z.strictObject({ orgId: z.uuid() });
const read = { access: { permission: 'webhooks:read' as const } };
const write = { access: { permission: 'webhooks:write' as const } };
const tags = ['webhooks'];

const catalog = {
  events: Object.entries(WebhookEventCatalog).map(([type, e]) => ({
    type: type as keyof typeof WebhookEventCatalog,
    version: e.version,
    description: e.description,
    example: e.example,
  })),
};

/** Outbound webhooks (J2, docs/webhooks.md): endpoints, secrets, tests and the delivery log. */
export const webhooksRoutes: FastifyPluginAsyncZod<WebhooksRoutesOptions> = async (app, { deps }) => {
  app.get(
    '/webhooks/catalog',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The public event catalog',
        description:
          'Every event type an endpoint can subscribe to, with its version and an example of `data`.',
        response: { 200: WebhookCatalog, ...problemResponses(429) },
      },
    },
    async () => catalog,
  );

  app.get(
    '/orgs/:orgId/webhooks',
    {
      config: read,
      schema: {
        tags,
        summary: 'The organization’s webhook endpoints',
        description: 'Newest first, each with its health and the last day’s delivery figures.',
        params: OrgParams,
        querystring: WebhookEndpointListQuery,
        response: { 200: WebhookEndpointList, ...problems },
      },
    },
    async (request) => listEndpoints(deps, orgOf(request).id, request.query),
  );

  app.post(
    '/orgs/:orgId/webhooks',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a webhook endpoint',
        description:
          'The URL must be https and resolve to public addresses only (422 webhook_url_refused ' +
          'otherwise). Answers the signing secret, which can be revealed again later.',
        params: OrgParams,
        body: CreateWebhookEndpointBody,
        response: { 201: CreatedWebhookEndpoint, ...problems, ...problemResponses(422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEndpoint(deps, requestMeta(request), orgOf(request), request.body)),
  );

  app.get(
    '/orgs/:orgId/webhooks/:endpointId',
    {
      config: read,
      schema: {
        tags,
        summary: 'One webhook endpoint',
        params: WebhookEndpointParams,
        response: { 200: WebhookEndpoint, ...problems },
      },
    },
    async (request) => getEndpoint(deps, orgOf(request).id, request.params.endpointId),
  );

  app.patch(
    '/orgs/:orgId/webhooks/:endpointId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change, disable or re-enable a webhook endpoint',
        params: WebhookEndpointParams,
        body: UpdateWebhookEndpointBody,
        response: { 200: WebhookEndpoint, ...problems, ...problemResponses(422) },
      },
    },
    async (request) =>
      updateEndpoint(deps, requestMeta(request), orgOf(request), request.params.endpointId, request.body),
  );

  app.delete(
    '/orgs/:orgId/webhooks/:endpointId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a webhook endpoint and its delivery log',
        params: WebhookEndpointParams,
        response: { 204: z.null().describe('Deleted'), ...problems },
      },
    },
    async (request, reply) => {
      await deleteEndpoint(deps, requestMeta(request), orgOf(request), request.params.endpointId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/webhooks/:endpointId/secret',
    {
      config: write,
      schema: {
        tags,
        summary: 'Reveal the signing secret',
        params: WebhookEndpointParams,
        response: { 200: WebhookSecret, ...problems },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return revealSecret(deps, orgOf(request).id, request.params.endpointId);
    },
  );

  app.post(
    '/orgs/:orgId/webhooks/:endpointId/secret/rotate',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rotate the signing secret',
        description:
          'During the overlap every delivery carries two signatures, one per secret, so a receiver can switch over without rejecting any.',
        params: WebhookEndpointParams,
        body: RotateWebhookSecretBody,
        response: { 200: WebhookSecret, ...problems },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return rotateSecret(
        deps,
        requestMeta(request),
        orgOf(request),
        request.params.endpointId,
        request.body.overlapSeconds,
      );
    },
  );

  app.post(
    '/orgs/:orgId/webhooks/:endpointId/test',
    {
      config: write,
      schema: {
        tags,
        summary: 'Send a test event',
        description: 'Publishes `webhook.test` to this endpoint only; it shows up in the delivery log.',
        params: WebhookEndpointParams,
        response: { 202: WebhookTestSent, ...problems },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await sendTestEvent(deps, orgOf(request), request.params.endpointId)),
  );

  app.get(
    '/orgs/:orgId/webhooks/:endpointId/deliveries',
    {
      config: read,
      schema: {
        tags,
        summary: 'The endpoint’s delivery log',
        params: WebhookEndpointParams,
        querystring: WebhookDeliveryListQuery,
        response: { 200: WebhookDeliveryList, ...problems },
      },
    },
    async (request) => listDeliveries(deps, orgOf(request).id, request.params.endpointId, request.query),
  );

  app.get(
    '/orgs/:orgId/webhooks/:endpointId/deliveries/:deliveryId',
    {
      config: read,
      schema: {
        tags,
        summary: 'One delivery with every attempt',
        params: WebhookDeliveryParams,
        response: { 200: WebhookDeliveryDetail, ...problems },
      },
    },
    async (request) =>
      getDelivery(deps, orgOf(request).id, request.params.endpointId, request.params.deliveryId),
  );

  app.post(
    '/orgs/:orgId/webhooks/:endpointId/deliveries/:deliveryId/redeliver',
    {
      config: write,
      schema: {
        tags,
        summary: 'Send one message again',
        params: WebhookDeliveryParams,
        response: { 202: z.object({ status: z.literal('queued') }), ...problems, ...problemResponses(409) },
      },
    },
    async (request, reply) => {
      const { endpointId, deliveryId } = request.params;
      await redeliver(deps, requestMeta(request), orgOf(request), endpointId, deliveryId);
      return reply.code(202).send({ status: 'queued' as const });
    },
  );

  app.post(
    '/orgs/:orgId/webhooks/:endpointId/recover',
    {
      config: write,
      schema: {
        tags,
        summary: 'Redeliver every failed message since a time',
        params: WebhookEndpointParams,
        body: RecoverWebhookBody,
        response: { 202: RecoveredWebhooks, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await recoverSince(
            deps,
            requestMeta(request),
            orgOf(request),
            request.params.endpointId,
            new Date(request.body.since),
          ),
        ),
  );
};
