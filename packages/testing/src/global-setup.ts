import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Devstack, startDevstack } from '@repo/devstack';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseUrl, RUN_ID_KEY, TEMPLATE_DATABASE } from './context';

type Migrate = (opts: { url: string; log?: (line: string) => void }) => Promise<{ applied: string[] }>;

async function loadMigrate(): Promise<Migrate> {
  try {
    return (await import('@repo/db/migrate')).migrate as Migrate;
  } catch (cause) {
    throw new Error(
      '@repo/testing: cannot load `migrate` from @repo/db/migrate, needed to build the template test database. ' +
        'Is packages/db/src/migrate.ts present and does it compile?',
      { cause },
    );
  }
}

async function recreateTemplate(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const name = client.escapeIdentifier(TEMPLATE_DATABASE);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * Once per `vitest run` of the integration project: an ephemeral devstack (services configured
 * by URL in the environment are used instead) and a migrated template database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The project supports Node 20 on purpose (ADR); the AWS SDK's Node 22 notice is noise in every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = await mkdtemp(join(tmpdir(), 'groundwork-test-'));
  const lines: string[] = [];
  let stack: Devstack | undefined;
  try {
    stack = await startDevstack({
      dataDir,
      ephemeral: true,
      env: process.env,
      log: (line) => lines.push(line),
    });
    const templateUrl = databaseUrl(stack.env.DATABASE_URL ?? '', TEMPLATE_DATABASE);
    await recreateTemplate(stack.env.DATABASE_URL ?? '');
    const migrate = await loadMigrate();
    await migrate({ url: templateUrl, log: (line) => lines.push(`migrate: ${line}`) });
    project.provide('devstack', { ...stack.env, [RUN_ID_KEY]: randomUUID() });
  } catch (error) {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (lines.length) console.error(`[devstack]\n${lines.join('\n')}`);
    throw error;
  }
  const running = stack;
  return async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
