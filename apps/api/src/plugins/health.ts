import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { HealthResponse, ReadinessResponse } from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Check, runChecks } from '../lib/checks';
import type { AppDeps } from '../types';

export interface HealthOptions {
  deps: AppDeps;
  /** Per-dependency deadline for /readyz. */
  timeoutMs?: number;
}

// Probes are hit every few seconds by orchestrators: never rate-limited, never logged per request.
const probeConfig = { access: 'public', rateLimit: false, quiet: true } as const;

const health: FastifyPluginAsyncZod<HealthOptions> = async (app, { deps, timeoutMs = 2_000 }) => {
  app.get(
    '/healthz',
    {
      config: probeConfig,
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        response: { 200: HealthResponse },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  const checks: Record<string, Check> = {
    postgres: () => deps.db.$queryRaw`SELECT 1`,
    redis: () => deps.redis.ping(),
    s3: (signal) =>
      deps.s3.send(new HeadBucketCommand({ Bucket: deps.env.S3_BUCKET }), { abortSignal: signal }),
  };

  app.get(
    '/readyz',
    {
      config: probeConfig,
      schema: {
        tags: ['health'],
        summary: 'Readiness: PostgreSQL, Redis and S3 answer',
        response: { 200: ReadinessResponse, 503: ReadinessResponse },
      },
    },
    async (_req, reply) => {
      const result = await runChecks(checks, timeoutMs);
      return reply.code(result.status === 'ok' ? 200 : 503).send(result);
    },
  );
};

export default health;
