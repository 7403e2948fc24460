import type { S3Client } from '@aws-sdk/client-s3';
import type { Db } from '@repo/db';
import type { FlagRuntime } from '@repo/flags/runtime';
import type { Logger } from '@repo/observability';
import type { QueueRegistry } from '@repo/queue';
import type { Storage } from '@repo/storage';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { ApiEnv } from './env';
import type { BruteForce } from './lib/brute-force';
import type { Revocations } from './lib/revocations';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The clock a service runs on: the one in its dependencies (tests pass their own), else the system's. */
export const clockOf = (deps: Pick<AppDeps, 'clock'>): Clock => deps.clock ?? systemClock;

/** Everything the app talks to, created by createDeps() in production and by tests as they like. */
export interface AppDeps {
  env: ApiEnv;
  db: Db;
  redis: Redis;
  s3: S3Client;
  /** The bucket as files use it (@repo/storage), over the same client. */
  storage: Storage;
  logger?: Logger;
  clock?: Clock;
  /** Recently revoked session ids, shared by every instance (lib/revocations.ts). */
  revocations: Revocations;
  /** Per-IP/per-account brute-force limits and account lockout (lib/brute-force.ts). */
  bruteForce: BruteForce;
  /** BullMQ queues, read by the admin jobs console; absent = the console answers 503. */
  queues?: QueueRegistry;
  /** Feature flags held in memory, reloaded on the Redis `<prefix>:flags` channel (docs/flags.md). */
  flags: FlagRuntime;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Probe/scrape routes: no per-request log line. */
    quiet?: boolean;
  }
}
