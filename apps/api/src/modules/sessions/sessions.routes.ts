import { recordAudit } from '@repo/audit';
import { SessionIdParams, SessionList, SessionListQuery } from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { clearSessionCookies } from '../../lib/cookies';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import type { AuthContext } from '../../plugins/auth';
import { type AppDeps, systemClock } from '../../types';
import { listSessions } from './session-list';
import { revokeSession, revokeUserSessions } from './sessions.service';

export interface SessionsRoutesOptions {
  deps: AppDeps;
}

export const RevokeOthersResponse = z.object({ revoked: z.number().int() });

const problems = problemResponses(400, 401, 403, 404, 429);

function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('unauthorized');
  return request.auth;
}

/** The signed-in user's devices (A2, docs/identity.md): list, revoke one, revoke all others. */
export const sessionsRoutes: FastifyPluginAsyncZod<SessionsRoutesOptions> = async (app, { deps }) => {
  const clock = deps.clock ?? systemClock;

  app.get(
    '/me/sessions',
    {
      config: { access: { permission: 'sessions:manage' } },
      schema: {
        tags: ['sessions'],
        summary: 'Your active sessions',
        description:
          'Most recently used first by default; paged like every list (`cursor`, `limit`, `sort`).',
        querystring: SessionListQuery,
        response: { 200: SessionList, ...problems },
      },
    },
    async (request) => listSessions(deps, authOf(request), request.query, clock.now()),
  );

  app.delete(
    '/me/sessions/:id',
    {
      config: { access: { permission: 'sessions:manage' } },
      schema: {
        tags: ['sessions'],
        summary: 'Sign one of your sessions out',
        description: 'Another user’s session, or one that already ended, answers 404.',
        params: SessionIdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const sessionId = request.params.id;
      const now = clock.now();
      const revoked = await deps.db.$transaction(async (tx) => {
        const ok = await revokeSession(deps, { userId: auth.userId, sessionId, reason: 'user_revoked', tx });
        if (ok) {
          await recordAudit(
            tx,
            {
              actorId: auth.userId,
              action: 'session.revoked',
              targetType: 'session',
              targetId: sessionId,
              meta: requestMeta(request),
            },
            now,
          );
        }
        return ok;
      });
      if (!revoked) throw new AppError('not_found', 'No such session.');
      if (sessionId === auth.sessionId) clearSessionCookies(reply, { secure: deps.env.COOKIE_SECURE });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/sessions/revoke-others',
    {
      config: { access: { permission: 'sessions:manage' } },
      schema: {
        tags: ['sessions'],
        summary: 'Sign out everywhere else',
        response: { 200: RevokeOthersResponse, ...problems },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const now = clock.now();
      const ids = await deps.db.$transaction(async (tx) => {
        const revoked = await revokeUserSessions(deps, auth.userId, {
          reason: 'user_revoked_others',
          exceptSessionId: auth.sessionId,
          tx,
        });
        if (revoked.length > 0) {
          await recordAudit(
            tx,
            {
              actorId: auth.userId,
              action: 'session.revoked',
              targetType: 'user',
              targetId: auth.userId,
              meta: requestMeta(request),
              after: { sessionIds: revoked },
            },
            now,
          );
        }
        return revoked;
      });
      return { revoked: ids.length };
    },
  );
};
