import { Problem, SecurityActivity } from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import type { AppDeps } from '../../types';
import { listSecurityActivity, SECURITY_ACTIVITY_LIMIT } from './security-activity.service';

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
          `The signed-in user's last ${SECURITY_ACTIVITY_LIMIT} sign-ins, failed attempts, locks, ` +
          'password and email changes and session revocations, newest first.',
        response: { 200: SecurityActivity, 401: Problem },
      },
    },
    async (request) => {
      // The access guard ran; this only narrows the type and fails closed if the guard was removed.
      if (!request.auth) throw new AppError('unauthorized');
      return { events: await listSecurityActivity(deps.db, request.auth.userId) };
    },
  );
};
