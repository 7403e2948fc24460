import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecret } from '@repo/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { HookStore, normalizePath } from './store';

const request = (path: string, body = '{}') => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body,
  status: 204,
});

describe('HookStore', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('lists newest first and keeps only the newest `max`', async () => {
    const store = new HookStore(undefined, 3);
    for (let i = 1; i <= 5; i++) await store.add(request(`/hooks/${i}`));
    expect(store.list().map((r) => r.path)).toEqual(['/hooks/5', '/hooks/4', '/hooks/3']);
    const [newest] = store.list();
    expect(store.get(newest?.id ?? '')).toEqual(newest);
    expect(await store.clear()).toBe(3);
    expect(store.list()).toEqual([]);
  });

  it('keeps a few secrets per path, newest first, and refuses non-secrets', async () => {
    const store = new HookStore(undefined);
    const secrets = Array.from({ length: 7 }, () => generateSecret());
    for (const secret of secrets) await store.addSecret('hooks/acme/', secret);
    expect(store.secretsFor('/hooks/acme')).toEqual(secrets.slice(2).reverse());
    await store.addSecret('/hooks/acme', secrets[3] ?? '');
    expect(store.secretsFor('/hooks/acme')[0]).toBe(secrets[3]);
    expect(store.secretsFor('/hooks/acme')).toHaveLength(5);
    expect(store.secretsFor('/hooks/other')).toEqual([]);
    await expect(store.addSecret('/hooks/acme', 'not-a-secret')).rejects.toThrow(TypeError);
    expect(store.knownPaths()).toEqual(['/hooks/acme']);
  });

  it('persists requests and secrets to disk and reloads them, pruning beyond `max`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hookstore-'));
    dirs.push(dir);
    const store = new HookStore(dir, 2);
    for (const body of ['old', 'mid', 'new']) await store.add(request('/hooks/acme', body));
    const secret = generateSecret();
    await store.addSecret('/hooks/acme', secret);
    expect((await readdir(dir)).length).toBe(3); // two requests + secrets.json
    expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);

    const reloaded = new HookStore(dir, 1);
    await reloaded.load();
    expect(reloaded.list().map((r) => r.body)).toEqual(['new']);
    expect(reloaded.secretsFor('/hooks/acme')).toEqual([secret]);
    expect((await readdir(dir)).length).toBe(2);
  });

  it('normalizes paths', () => {
    expect(normalizePath('hooks/acme/')).toBe('/hooks/acme');
    expect(normalizePath('//hooks/acme')).toBe('/hooks/acme');
  });
});
