import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../app.test-support';
import { randomIp } from '../modules/auth/auth.test-support';
import { createOrgWorld } from '../modules/orgs/orgs.test-support';

// A flood of well-formed, unknown API keys from one address stops costing database lookups once
// the address has spent its request budget on failures; the answers do not change.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ RATE_LIMIT_MAX: '3', API_KEY_RATE_LIMIT_MAX: '1000' });
});
afterAll(async () => t?.close());

const unknownKey = () =>
  `Bearer gwk_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;

it('an address that failed its budget of key lookups gets no more lookups, only the same refusals', async () => {
  const w = await createOrgWorld(t);
  const url = `/v1/orgs/${w.org.id}`;
  const call = (authorization: string, remoteAddress: string) =>
    t.app.inject({ method: 'GET', url, remoteAddress, headers: { authorization } });
  const lookups = vi.spyOn(t.deps.db.apiKey, 'findUnique');
  try {
    const flooder = randomIp();
    const first = [];
    for (let i = 0; i < 3; i++) first.push(await call(unknownKey(), flooder));
    expect(first.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    expect(first.map((r) => r.json().code)).toEqual([
      'api_key_invalid',
      'api_key_invalid',
      'api_key_invalid',
    ]);
    expect(lookups).toHaveBeenCalledTimes(3);

    const flood = [];
    for (let i = 0; i < 20; i++) flood.push((await call(unknownKey(), flooder)).statusCode);
    expect(flood.every((s) => s === 429)).toBe(true);
    expect(lookups).toHaveBeenCalledTimes(3);

    // A neighbour behind the same address whose key verified before the flood keeps working.
    expect((await call(w.writeKey.auth, randomIp())).statusCode).toBe(200);
    const shared = await call(w.writeKey.auth, flooder);
    expect(shared.statusCode, shared.body).not.toBe(401);
    expect(lookups).toHaveBeenCalledTimes(5);

    // Another address is unaffected: its valid key works, its unknown key is looked up and refused.
    const other = randomIp();
    expect((await call(w.readKey.auth, other)).statusCode).toBe(200);
    const refused = await call(unknownKey(), other);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('api_key_invalid');
    expect(lookups).toHaveBeenCalledTimes(7);
  } finally {
    lookups.mockRestore();
  }
});
