import { recordAudit } from '@repo/audit';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { requestMeta } from '../lib/request-meta';
import type { AppDeps } from '../types';

/**
 * The trail of an impersonation (D1, ADR 0019): every request an admin makes as a user, read or
 * write, allowed or refused, becomes one `impersonation.request` row (route, ids, status; never
 * bodies or query strings, which may carry secrets or search terms). The changes themselves are
 * audited by their services in their own transactions, and those rows carry `impersonator_id`
 * too (requestMeta). Written after the response is sent, so it costs the request nothing; a
 * failed write is logged as an error.
 */
const impersonationAudit: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  const pending = new Set<Promise<unknown>>();

  app.addHook('onResponse', async (request, reply) => {
    const auth = request.auth;
    if (!auth?.impersonatorId || request.method === 'OPTIONS' || request.method === 'HEAD') return;
    const route = `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
    const write = recordAudit(deps.db, {
      actorId: auth.userId,
      action: 'impersonation.request',
      targetType: 'route',
      targetId: route,
      meta: requestMeta(request),
      after: { status: reply.statusCode, params: request.params ?? {} },
    })
      .catch((error: unknown) => {
        request.log.error({ err: error, route }, 'impersonation request not audited');
      })
      .finally(() => pending.delete(write));
    pending.add(write);
  });

  app.addHook('onClose', async () => {
    await Promise.allSettled([...pending]);
  });
};

export default fp(impersonationAudit, { name: 'impersonation-audit', dependencies: ['auth'] });
