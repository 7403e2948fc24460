import { describe, expect, it } from 'vitest';
import { memoryStore } from './brute-force-store';

describe('memoryStore (the fallback while Redis is down)', () => {
  it('counts failures in a fixed window that starts at the first one', async () => {
    let wall = 0;
    const store = memoryStore(100, () => wall);
    expect((await store.fail('k', 1000, 5, false)).n).toBe(1);
    wall = 600;
    expect(await store.fail('k', 1000, 6, false)).toMatchObject({ n: 2, last: 6, ttlMs: 400 });
    wall = 1000;
    expect((await store.peek('k')).n).toBe(0);
  });

  it('tracks attempts in flight and lets them expire', async () => {
    let wall = 0;
    const store = memoryStore(100, () => wall);
    await store.acquire('k', 100);
    expect((await store.acquire('k', 100)).pending).toBe(2);
    await store.fail('k', 1000, 1, true);
    expect(await store.peek('k')).toMatchObject({ n: 1, pending: 1 });
    wall = 101;
    expect((await store.peek('k')).pending).toBe(0);
  });

  it('sets a lock only once', async () => {
    const store = memoryStore();
    expect(await store.lock('l', 123, 60_000)).toBe(true);
    expect(await store.lock('l', 456, 60_000)).toBe(false);
    expect(await store.lockedUntil('l')).toBe(123);
    await store.clear(['l']);
    expect(await store.lockedUntil('l')).toBeNull();
  });

  it('stays bounded, dropping the least recently written entries', async () => {
    const store = memoryStore(3);
    for (const k of ['a', 'b', 'c', 'd']) await store.fail(k, 60_000, 1, false);
    expect((await store.peek('a')).n).toBe(0);
    expect((await store.peek('d')).n).toBe(1);
  });
});
