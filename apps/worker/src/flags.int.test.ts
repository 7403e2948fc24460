import { randomBytes } from 'node:crypto';
import { createDb } from '@repo/db';
import { publishFlagChange } from '@repo/flags/runtime';
import { createRedis } from '@repo/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerFlags } from './flags';
import { requireEnv, silentLogger, uniquePrefix } from './worker.test-support';

/** The worker applies a flag change published by the API (same channel) within one second. */

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 2 });
const redis = createRedis(requireEnv('REDIS_URL'), { role: 'producer', connectionName: 'flags-test' });
const prefix = uniquePrefix('flags');
const key = `worker.test-${randomBytes(4).toString('hex')}`;
const definition = (killSwitch: boolean) => ({
  key,
  kind: 'boolean',
  variants: [{ name: 'off' }, { name: 'on' }],
  defaults: { development: 'on', test: 'on', production: 'on' },
  killSwitch,
});

let flags: ReturnType<typeof createWorkerFlags>;

beforeAll(async () => {
  flags = createWorkerFlags({ db, redis, prefix, nodeEnv: 'test', logger: silentLogger });
  await flags.start();
});

afterAll(async () => {
  await flags?.close();
  await db.featureFlag.deleteMany({ where: { key } });
  await redis.quit();
  await db.$disconnect();
});

async function until(probe: () => boolean) {
  const started = performance.now();
  while (!probe() && performance.now() - started < 3000) await new Promise((r) => setTimeout(r, 25));
  return performance.now() - started;
}

describe('worker feature flags', () => {
  it('sees a created flag, then its kill switch, within one second of the announcement', async () => {
    expect(flags.evaluate(key, {})).toBeUndefined();
    // What the API does: commit, then publish the key.
    await db.featureFlag.create({ data: { key, definition: definition(false) } });
    await publishFlagChange(redis, prefix, key);
    const created = await until(() => flags.evaluate(key, {})?.variant === 'on');
    expect(flags.evaluate(key, {})?.variant).toBe('on');
    expect(created).toBeLessThan(1000);

    await db.featureFlag.update({ where: { key }, data: { definition: definition(true) } });
    await publishFlagChange(redis, prefix, key);
    const killed = await until(() => flags.evaluate(key, {})?.reason === 'kill_switch');
    expect(flags.evaluate(key, {})).toMatchObject({ variant: 'off', reason: 'kill_switch' });
    expect(killed).toBeLessThan(1000);
  });
});
