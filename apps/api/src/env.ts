import {
  apiEnv,
  authEnv,
  baseEnv,
  databaseEnv,
  filesEnv,
  loadEnvOrExit,
  orgEnv,
  redisEnv,
  retentionEnv,
  s3Env,
  ssoEnv,
  telemetryEnv,
  twoFactorEnv,
  webhooksEnv,
} from '@repo/config';
import { z } from 'zod';

export const ApiEnv = z.object({
  ...baseEnv,
  ...databaseEnv,
  ...redisEnv,
  ...retentionEnv,
  ...s3Env,
  ...filesEnv,
  ...apiEnv,
  ...authEnv,
  ...twoFactorEnv,
  ...orgEnv,
  ...ssoEnv,
  ...telemetryEnv,
  ...webhooksEnv,
});
export type ApiEnv = z.output<typeof ApiEnv>;

/** Entry points only: prints every invalid variable by name and exits 1. */
export function loadApiEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  return loadEnvOrExit(ApiEnv, source);
}
