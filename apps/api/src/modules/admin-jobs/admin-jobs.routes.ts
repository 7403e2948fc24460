import {
  AdminJobList,
  AdminJobRetried,
  AdminJobSchedulerList,
  AdminQueueJobParams,
  AdminQueueJobsQuery,
  AdminQueueList,
  AdminQueueParams,
  AdminQueueSchedulersQuery,
  Problem,
} from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { listJobs, listQueues, listSchedulers, removeJob, retryJob } from './admin-jobs.service';

export interface AdminJobsRoutesOptions {
  deps: AppDeps;
}

const access = { access: { permission: 'admin:access' as const } };
const problems = problemResponses(400, 401, 403, 404, 503);

/** The access guard ran first; this only narrows the type (and fails closed without it). */
function adminId(request: FastifyRequest): string {
  if (!request.auth) throw new AppError('unauthorized');
  return request.auth.userId;
}

/** Jobs console (D5, docs/admin.md) on BullMQ's own APIs; global admins only. */
export const adminJobsRoutes: FastifyPluginAsyncZod<AdminJobsRoutesOptions> = async (app, { deps }) => {
  app.get(
    '/admin/queues',
    {
      config: access,
      schema: {
        tags: ['admin'],
        summary: 'Queues with job counts and throughput',
        description: 'Throughput: completed and failed jobs per minute over the last hour (null: no data).',
        response: { 200: AdminQueueList, 401: Problem, 403: Problem, 503: Problem },
      },
    },
    async () => listQueues(deps),
  );

  app.get(
    '/admin/queues/:queue/jobs',
    {
      config: access,
      schema: {
        tags: ['admin'],
        summary: 'Jobs of a queue in one state, newest first',
        description: 'Job data is a summary: secret-looking keys (tokens, passwords) are redacted.',
        params: AdminQueueParams,
        querystring: AdminQueueJobsQuery,
        response: { 200: AdminJobList, ...problems },
      },
    },
    async (request) => listJobs(deps, request.params.queue, request.query),
  );

  app.get(
    '/admin/queues/:queue/schedulers',
    {
      config: access,
      schema: {
        tags: ['admin'],
        summary: 'Job schedulers of a queue and their next run',
        description: 'Next run first by default; paged like every list (`cursor`, `limit`, `sort`).',
        params: AdminQueueParams,
        querystring: AdminQueueSchedulersQuery,
        response: { 200: AdminJobSchedulerList, ...problems },
      },
    },
    async (request) => listSchedulers(deps, request.params.queue, request.query),
  );

  app.post(
    '/admin/queues/:queue/jobs/:jobId/retry',
    {
      config: access,
      schema: {
        tags: ['admin'],
        summary: 'Retry a failed job',
        description:
          'Moves a failed job back to waiting with its attempts reset (409 for any other state). Audited.',
        params: AdminQueueJobParams,
        response: { 200: AdminJobRetried, ...problems, 409: Problem },
      },
    },
    async (request) => {
      const { queue, jobId } = request.params;
      const job = await retryJob(deps, {
        actorId: adminId(request),
        meta: requestMeta(request),
        queue,
        jobId,
      });
      return { status: 'retried' as const, job };
    },
  );

  app.delete(
    '/admin/queues/:queue/jobs/:jobId',
    {
      config: access,
      schema: {
        tags: ['admin'],
        summary: 'Remove a job',
        description: 'Any job but a running one (409). Audited.',
        params: AdminQueueJobParams,
        response: { 204: z.null(), ...problems, 409: Problem },
      },
    },
    async (request, reply) => {
      const { queue, jobId } = request.params;
      await removeJob(deps, { actorId: adminId(request), meta: requestMeta(request), queue, jobId });
      return reply.code(204).send(null);
    },
  );
};
