import {
  AdminFlag,
  AdminFlagDefinitionBody,
  AdminFlagEvaluation,
  AdminFlagEvaluationQuery,
  AdminFlagList,
  AdminFlagListQuery,
  AdminFlagParams,
  MeFlags,
  Problem,
} from '@repo/contracts';
import { FlagDefinition } from '@repo/flags';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import {
  type Actor,
  createFlag,
  deleteFlag,
  explainFlag,
  flagsForUser,
  getFlag,
  listFlags,
  replaceFlag,
} from './flags.service';

export interface FlagsRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 403, 429);
const admin = { access: { permission: 'admin:access' as const } };

/** The access guard ran; this only narrows the type (and fails closed if it was removed). */
function userIdOf(request: FastifyRequest): string {
  if (!request.auth) throw new AppError('unauthorized');
  return request.auth.userId;
}

const actorOf = (request: FastifyRequest): Actor => ({
  actorId: userIdOf(request),
  meta: requestMeta(request),
});

/**
 * The body is validated here rather than by the route schema: `FlagDefinition` contains recursive
 * JSON (variant values), which the OpenAPI generator cannot reference. Same 400 shape: one issue
 * per problem, body fields by their own dotted path (`defaults.test`, `rollout.weights`).
 */
function definitionOf(body: unknown): FlagDefinition {
  const parsed = FlagDefinition.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', 'The flag definition is invalid.', {
    errors: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
      code: issue.code,
    })),
  });
}

const DEFINITION_HELP =
  'The body is a `FlagDefinition` (packages/flags/README.md): `key`, `kind` (`boolean` with variants ' +
  '`off`/`on`, or `multivariate`), `variants`, `defaults` per environment, `killSwitch`, ordered `rules`, ' +
  'optional `rollout`. An invalid definition is 400 `validation_failed` with the path of each problem. ' +
  'Audited, then announced to every API and worker process (Redis pub/sub; they reload within a second).';

/**
 * Feature flags (D3, docs/flags.md): admin CRUD and evaluation explainer, and the caller's evaluated
 * flags. Loads the in-memory flag set (deps.flags) when registered; closeDeps stops it.
 */
export const flagsRoutes: FastifyPluginAsyncZod<FlagsRoutesOptions> = async (app, { deps }) => {
  await deps.flags.start();
  const tags = ['admin'];

  app.get(
    '/me/flags',
    {
      config: { access: { permission: 'profile:read' } },
      schema: {
        tags: ['profile'],
        summary: 'My feature flags',
        description:
          'Every flag evaluated for the caller (user id, global role, email, active organization) in ' +
          "this deployment's environment.",
        response: { 200: MeFlags, 401: Problem, 403: Problem, 429: Problem },
      },
    },
    async (request) => flagsForUser(deps, userIdOf(request)),
  );

  app.get(
    '/admin/flags',
    {
      config: admin,
      schema: {
        tags,
        summary: 'List feature flags (admin)',
        description: 'By key; paged like every list (`cursor`, `limit`, `sort`).',
        querystring: AdminFlagListQuery,
        response: { 200: AdminFlagList, ...problems },
      },
    },
    async (request) => listFlags(deps, request.query),
  );

  app.post(
    '/admin/flags',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create a feature flag (admin)',
        description: `${DEFINITION_HELP} 409 \`conflict\` when the key exists.`,
        body: AdminFlagDefinitionBody,
        response: { 201: AdminFlag, ...problems, 409: Problem },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFlag(deps, actorOf(request), definitionOf(request.body))),
  );

  app.get(
    '/admin/flags/:key',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Get a feature flag (admin)',
        params: AdminFlagParams,
        response: { 200: AdminFlag, ...problems, 404: Problem },
      },
    },
    async (request) => getFlag(deps, request.params.key),
  );

  app.put(
    '/admin/flags/:key',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Replace a feature flag (admin)',
        description: `${DEFINITION_HELP} The body's \`key\` must be the URL's.`,
        params: AdminFlagParams,
        body: AdminFlagDefinitionBody,
        response: { 200: AdminFlag, ...problems, 404: Problem },
      },
    },
    async (request) => replaceFlag(deps, actorOf(request), request.params.key, definitionOf(request.body)),
  );

  app.delete(
    '/admin/flags/:key',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Delete a feature flag (admin)',
        description: 'Code asking for a deleted flag gets its own fallback (usually "off"). Audited.',
        params: AdminFlagParams,
        response: { 204: z.null(), ...problems, 404: Problem },
      },
    },
    async (request, reply) => {
      await deleteFlag(deps, actorOf(request), request.params.key);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/flags/:key/evaluation',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Explain a flag for a user or organization (admin)',
        description:
          'Evaluates the stored definition for `userId` (role, email and active organization read from ' +
          'the database) and/or `organizationId` (overrides the active one), and says why: ' +
          '`kill_switch`, `rule` (+ `ruleId`), `rollout` (+ `bucket`), `default` or `missing_context`.',
        params: AdminFlagParams,
        querystring: AdminFlagEvaluationQuery,
        response: { 200: AdminFlagEvaluation, ...problems, 404: Problem },
      },
    },
    async (request) => explainFlag(deps, request.params.key, request.query),
  );
};
