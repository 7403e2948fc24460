import { AdminOverview, AdminOverviewQuery, Problem } from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../types';
import { getOverview } from './admin-overview.service';

export interface AdminOverviewRoutesOptions {
  deps: AppDeps;
}

/** Admin overview (D6, docs/admin.md): KPIs and time series. */
export const adminOverviewRoutes: FastifyPluginAsyncZod<AdminOverviewRoutesOptions> = async (
  app,
  { deps },
) => {
  app.get(
    '/admin/overview',
    {
      config: { access: { permission: 'admin:access' } },
      schema: {
        tags: ['admin'],
        summary: 'KPIs and time series over a range (UTC)',
        description:
          'Sign-ups, active users, sessions, failed sign-ins and finished jobs per hour (24h) or day ' +
          '(7d, 30d, 90d), zeros included, with totals for the range and the period before it. ' +
          'Active users are counted per UTC day; job figures are null when their counters cannot be read.',
        querystring: AdminOverviewQuery,
        response: { 200: AdminOverview, 400: Problem, 401: Problem, 403: Problem, 503: Problem },
      },
    },
    async (request) => getOverview(deps, request.query.range),
  );
};
