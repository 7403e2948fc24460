import { z } from 'zod';

export const CheckStatus = z.enum(['ok', 'fail']);

export const HealthResponse = z.object({ status: z.literal('ok') });

export const ReadinessCheck = z.object({
  status: CheckStatus,
  latencyMs: z.number(),
  error: z.string().optional(),
});

export const ReadinessResponse = z.object({
  status: CheckStatus,
  checks: z.record(z.string(), ReadinessCheck),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;
