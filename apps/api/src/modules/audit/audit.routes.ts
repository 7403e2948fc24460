import { Problem, SecurityActivity, SecurityActivityQuery } from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import type { AppDeps } from '../../types';
import { listSecurityActivity } from './security-activity.service';

export interface AuditRoutesOptions {
  deps: AppDeps;
}

export const auditRoutes: FastifyPluginAsyncZod<AuditRoutesOptions> = async (app, { deps }) => {
  app.get(
    '/me/security-activity',
    {
      config: { access: { permission: 'profile:read' } },
      schema: {
        tags: ['account'],
        summary: 'Recent security activity',
        description:
          "The signed-in user's sign-ins, failed attempts, locks, password and email changes and " +
          'session revocations, newest first; paged like every list (`cursor`, `limit`, `sort`).',
        querystring: SecurityActivityQuery,
        response: { 200: SecurityActivity, 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      // The access guard ran; this only narrows the type and fails closed if the guard was removed.
      if (!request.auth) throw new AppError('unauthorized');
      const { items, nextCursor } = await listSecurityActivity(deps.db, request.auth.userId, request.query);
      return { events: items, nextCursor };
    },
  );
};
