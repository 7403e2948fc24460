import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiEnv,
  authEnv,
  baseEnv,
  databaseEnv,
  filesEnv,
  orgEnv,
  redisEnv,
  s3Env,
  smtpEnv,
  ssoEnv,
  twoFactorEnv,
  workerEnv,
} from '@repo/config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';

// No Docker engine runs on our CI machines, so images are validated statically: the compose
// file through `docker-compose config` and our own structural checks, the Dockerfiles by rules
// the README's Docker section states (multi-stage, non-root, healthcheck).
const dir = import.meta.dirname;
const compose = parse(readFileSync(join(dir, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, { build?: { dockerfile: string }; environment?: Record<string, string> }>;
};
const apps = { api: 'api.Dockerfile', worker: 'worker.Dockerfile', web: 'web.Dockerfile' } as const;

/** Keys of an env fragment that have neither a default nor `.optional()`. */
const requiredKeys = (shape: Record<string, z.ZodType>) =>
  Object.entries(shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([key]) => key);

/** `docker compose` (v2 plugin) or `docker-compose` (v1), whichever this machine has. */
const composeCli = (() => {
  for (const cmd of [['docker', 'compose'], ['docker-compose']] as const) {
    try {
      execFileSync(cmd[0], [...cmd.slice(1), 'version'], { stdio: 'ignore' });
      return cmd;
    } catch {}
  }
  return undefined;
})();

describe('docker/compose.yaml', () => {
  // bin/setup --e2e installs a compose CLI, so under CI its absence is a failure, not a skip.
  it.runIf(composeCli || process.env.CI)('is valid for docker compose', () => {
    if (!composeCli) throw new Error('no docker compose CLI found (run bin/setup --e2e)');
    const [cmd, ...pre] = composeCli;
    // The file demands AUTH_JWT_SECRET from the environment instead of committing one.
    const env = { ...process.env, AUTH_JWT_SECRET: 'x'.repeat(32), TOTP_ENCRYPTION_KEY: 'k'.repeat(43) };
    execFileSync(cmd, [...pre, '-f', join(dir, 'compose.yaml'), 'config', '-q'], { stdio: 'pipe', env });
  });

  it('runs the backing services and the three apps', () => {
    const names = Object.keys(compose.services);
    for (const s of ['postgres', 'redis', 'minio', 'mailpit', 'api', 'worker', 'web'])
      expect(names).toContain(s);
  });

  it('builds each app from its own Dockerfile', () => {
    for (const [app, file] of Object.entries(apps)) {
      expect(compose.services[app]?.build?.dockerfile).toBe(`docker/${file}`);
    }
  });

  it('gives api and worker every required variable', () => {
    const apiRequired = requiredKeys({
      ...baseEnv,
      ...databaseEnv,
      ...redisEnv,
      ...s3Env,
      ...apiEnv,
      ...authEnv,
      ...twoFactorEnv,
      ...orgEnv,
      ...ssoEnv,
    });
    const workerRequired = requiredKeys({
      ...baseEnv,
      ...databaseEnv,
      ...redisEnv,
      ...s3Env,
      ...filesEnv,
      ...smtpEnv,
      ...workerEnv,
    });
    expect(apiRequired).toContain('DATABASE_URL');
    for (const key of apiRequired) expect(compose.services.api?.environment, key).toHaveProperty(key);
    for (const key of workerRequired) expect(compose.services.worker?.environment, key).toHaveProperty(key);
  });
});

describe.each(Object.entries(apps))('docker/%s', (_app, file) => {
  const text = readFileSync(join(dir, file), 'utf8');
  const stages = text.split(/^FROM /m).slice(1);
  const final = stages.at(-1) ?? '';

  it('is multi-stage', () => expect(stages.length).toBeGreaterThanOrEqual(2));
  it('runs as a non-root user', () => expect(final).toMatch(/^USER (?!root\b|0\b)\S+/m));
  it('declares a healthcheck', () => expect(final).toMatch(/^HEALTHCHECK .*CMD /ms));
  it('uses exec-form CMD so the app receives SIGTERM', () => expect(final).toMatch(/^CMD \[/m));
  it('copies only files that exist in the repo', () => {
    for (const [, src] of text.matchAll(/^COPY (?!--from)(?:--\S+ )*(\S+) /gm)) {
      if (src && src !== '.') expect(existsSync(join(dir, '..', src)), src).toBe(true);
    }
  });
});
