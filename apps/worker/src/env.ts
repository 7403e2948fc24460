import {
  baseEnv,
  databaseEnv,
  filesEnv,
  loadEnvOrExit,
  redisEnv,
  retentionEnv,
  s3Env,
  secretsAtRestEnv,
  smtpEnv,
  telemetryEnv,
  webhooksEnv,
  workerEnv,
} from '@repo/config';
import { z } from 'zod';

export const WorkerEnv = z.object({
  ...baseEnv,
  ...databaseEnv,
  ...redisEnv,
  ...retentionEnv,
  ...s3Env,
  ...filesEnv,
  ...secretsAtRestEnv,
  ...smtpEnv,
  ...telemetryEnv,
  ...webhooksEnv,
  ...workerEnv,
});
export type WorkerEnv = z.output<typeof WorkerEnv>;

/** Entry points only: prints every invalid variable by name and exits 1. */
export function loadWorkerEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  return loadEnvOrExit(WorkerEnv, source);
}
