import {
  ApiKey,
  ApiKeyList,
  ApiKeyListQuery,
  ApiKeyParams,
  ApiKeyUsage,
  ApiKeyUsageQuery,
  CreateApiKeyBody,
  CreatedApiKey,
  Problem,
  RotatedApiKey,
} from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { orgOf } from '../../plugins/access';
import type { AppDeps } from '../../types';
import {
  apiKeyUsage,
  createApiKey,
  type KeyActor,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
} from './api-keys.service';

export interface ApiKeysRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 403, 404, 429);
const OrgParams = z.strictObject({ orgId: z.uuid() });
const manage = { access: { permission: 'apikeys:manage' as const } };

/** apikeys:manage is unreachable for API keys (permissions.ts), so the actor is always a user. */
function actorOf(request: FastifyRequest): KeyActor {
  const org = orgOf(request);
  if (!org.userId) throw new AppError('forbidden', 'API keys cannot manage API keys.');
  return { organizationId: org.id, userId: org.userId, meta: requestMeta(request) };
}

/** Organization API keys (A9, docs/organizations.md): list, create, rotate, revoke, usage. */
export const apiKeysRoutes: FastifyPluginAsyncZod<ApiKeysRoutesOptions> = async (app, { deps }) => {
  app.get(
    '/orgs/:orgId/api-keys',
    {
      config: manage,
      schema: {
        tags: ['api-keys'],
        summary: 'The organization’s API keys',
        description: 'Newest first. The secret part of a key is never listed: it is shown once, at creation.',
        params: OrgParams,
        querystring: ApiKeyListQuery,
        response: { 200: ApiKeyList, ...problems },
      },
    },
    async (request) => listApiKeys(deps, orgOf(request).id, request.query),
  );

  app.post(
    '/orgs/:orgId/api-keys',
    {
      config: manage,
      onRequest: [app.requireSudo],
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key (sudo)',
        description:
          'Answers the full key once; only its hash is stored. Use it as `Authorization: Bearer <key>`.',
        params: OrgParams,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiKey(deps, actorOf(request), request.body)),
  );

  app.post(
    '/orgs/:orgId/api-keys/:keyId/rotate',
    {
      config: manage,
      onRequest: [app.requireSudo],
      schema: {
        tags: ['api-keys'],
        summary: 'Rotate an API key (sudo)',
        description:
          'Issues a replacement with the same name, scopes and expiry; the old key keeps working ' +
          'for the rotation overlap, then expires. Revoked, expired or already rotated keys answer 409.',
        params: ApiKeyParams,
        response: { 201: RotatedApiKey, ...problems, 409: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await rotateApiKey(deps, actorOf(request), request.params.keyId)),
  );

  app.delete(
    '/orgs/:orgId/api-keys/:keyId',
    {
      config: manage,
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key',
        description: 'Takes effect on the key’s next request. Revoking a revoked key returns it unchanged.',
        params: ApiKeyParams,
        response: { 200: ApiKey, ...problems },
      },
    },
    async (request) => revokeApiKey(deps, actorOf(request), request.params.keyId),
  );

  app.get(
    '/orgs/:orgId/api-keys/:keyId/usage',
    {
      config: manage,
      schema: {
        tags: ['api-keys'],
        summary: 'Requests per day made with an API key',
        params: ApiKeyParams,
        querystring: ApiKeyUsageQuery,
        response: { 200: ApiKeyUsage, ...problems },
      },
    },
    async (request) => apiKeyUsage(deps, orgOf(request).id, request.params.keyId, request.query.days),
  );
};
