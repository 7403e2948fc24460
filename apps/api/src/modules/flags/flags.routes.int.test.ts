import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { createKey, createOrg, createOrgUser } from '../orgs/orgs.test-support';

/** Feature flags runtime (D3, docs/flags.md): admin CRUD, audit, evaluation, propagation. */

const app = useTestApps(() => ({ RATE_LIMIT_MAX: '100000' }));

const uniqueKey = (name = 'test') => `${name}.${randomBytes(4).toString('hex')}`;

const booleanFlag = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  kind: 'boolean',
  variants: [{ name: 'off' }, { name: 'on' }],
  defaults: { development: 'off', test: 'off', production: 'off' },
  ...extra,
});

const send = (
  t: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  auth?: string,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers: auth ? { authorization: auth } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const myFlags = async (t: TestApp, auth: string) => {
  const res = await send(t, 'GET', '/v1/me/flags', auth);
  expect(res.statusCode).toBe(200);
  return (res.json() as { flags: Record<string, { variant: string; value: unknown }> }).flags;
};

const auditFor = (t: TestApp, key: string) =>
  t.deps.db.auditLog.findMany({
    where: { targetType: 'feature_flag', targetId: key },
    orderBy: { createdAt: 'asc' },
  });

describe('admin feature flags API', () => {
  it('creates, reads, lists, replaces and deletes a flag, auditing each change with its diff', async () => {
    const t = await app();
    const root = await createOrgUser(t, { prefix: 'flags-root', globalRole: 'admin' });
    const key = uniqueKey('crud');

    const created = await send(t, 'POST', '/v1/admin/flags', root.auth, booleanFlag(key));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      key,
      updatedById: root.id,
      // Defaults filled in by the schema are stored, so every process reads the same thing.
      definition: { key, killSwitch: false, rules: [], description: '' },
    });

    const again = await send(t, 'POST', '/v1/admin/flags', root.auth, booleanFlag(key));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict' });

    const one = await send(t, 'GET', `/v1/admin/flags/${key}`, root.auth);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ key, definition: { kind: 'boolean' } });

    const list = await send(t, 'GET', '/v1/admin/flags', root.auth);
    expect(list.statusCode).toBe(200);
    expect((list.json() as { flags: { key: string }[] }).flags.map((f) => f.key)).toContain(key);

    const replaced = await send(
      t,
      'PUT',
      `/v1/admin/flags/${key}`,
      root.auth,
      booleanFlag(key, { killSwitch: true }),
    );
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ definition: { killSwitch: true } });

    const deleted = await send(t, 'DELETE', `/v1/admin/flags/${key}`, root.auth);
    expect(deleted.statusCode).toBe(204);
    expect((await send(t, 'GET', `/v1/admin/flags/${key}`, root.auth)).statusCode).toBe(404);
    expect((await send(t, 'DELETE', `/v1/admin/flags/${key}`, root.auth)).statusCode).toBe(404);
    expect((await send(t, 'PUT', `/v1/admin/flags/${key}`, root.auth, booleanFlag(key))).statusCode).toBe(
      404,
    );

    const audit = await auditFor(t, key);
    expect(audit.map((row) => row.action)).toEqual([
      'admin.flag_created',
      'admin.flag_updated',
      'admin.flag_deleted',
    ]);
    expect(audit.every((row) => row.actorId === root.id)).toBe(true);
    expect(audit[0]?.diff).toMatchObject({ before: null, after: { key, killSwitch: false } });
    expect(audit[1]?.diff).toMatchObject({ before: { killSwitch: false }, after: { killSwitch: true } });
    expect(audit[2]?.diff).toMatchObject({ before: { killSwitch: true }, after: null });
  });

  it('refuses invalid definitions with the paths of the problems, and a body key that is not the URL key', async () => {
    const t = await app();
    const root = await createOrgUser(t, { prefix: 'flags-root', globalRole: 'admin' });
    const key = uniqueKey('invalid');

    const bad = await send(t, 'POST', '/v1/admin/flags', root.auth, {
      ...booleanFlag(key),
      defaults: { development: 'off', test: 'nope', production: 'off' },
      rollout: { by: 'user', weights: { on: 60, off: 30 } },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json() as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    const paths = body.errors.map((e) => e.path);
    expect(paths.some((p) => p.includes('defaults'))).toBe(true);
    expect(paths.some((p) => p.includes('rollout'))).toBe(true);

    const badKey = await send(t, 'POST', '/v1/admin/flags', root.auth, booleanFlag('Not A Key'));
    expect(badKey.statusCode).toBe(400);

    expect((await send(t, 'POST', '/v1/admin/flags', root.auth, booleanFlag(key))).statusCode).toBe(201);
    const mismatch = await send(t, 'PUT', `/v1/admin/flags/${key}`, root.auth, booleanFlag(`${key}-other`));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'key' }] });
    // Nothing invalid was written or audited.
    expect((await auditFor(t, key)).map((row) => row.action)).toEqual(['admin.flag_created']);
  });

  it('refuses control characters in the description (newlines allowed) and in rule ids and descriptions', async () => {
    const t = await app();
    const root = await createOrgUser(t, { prefix: 'flags-root', globalRole: 'admin' });
    const key = uniqueKey('text');
    const rule = {
      id: 'staff',
      conditions: [{ attribute: 'role', operator: 'in', values: ['admin'] }],
      variant: 'on',
    };
    for (const [extra, path] of [
      [{ description: 'Beta\u0007flow' }, 'description'],
      [{ description: 'Beta \u202Ewolf' }, 'description'],
      [{ rules: [{ ...rule, id: 'staff\r\nonly' }] }, 'rules.0.id'],
      [{ rules: [{ ...rule, description: 'Staff\nonly' }] }, 'rules.0.description'],
    ] as const) {
      const res = await send(t, 'POST', '/v1/admin/flags', root.auth, booleanFlag(key, extra));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ path }] });
    }
    expect(await auditFor(t, key)).toEqual([]);

    const ok = await send(t, 'POST', '/v1/admin/flags', root.auth, {
      ...booleanFlag(key, {
        description: 'Beta flow\nfor staff — 東京 🚀',
        rules: [{ ...rule, description: 'Zoë’s team' }],
      }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().definition.description).toBe('Beta flow\nfor staff — 東京 🚀');
  });

  it('is for global admins only: 403 for users and API keys, 401 anonymous', async () => {
    const t = await app();
    const user = await createOrgUser(t, { prefix: 'flags-user' });
    const org = await createOrg(t, 'Flag Corp');
    const apiKey = await createKey(t, org.id, ['organization:read', 'organization:write', 'members:read']);
    const key = uniqueKey('guarded');
    const routes: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown?]> = [
      ['GET', '/v1/admin/flags'],
      ['POST', '/v1/admin/flags', booleanFlag(key)],
      ['GET', `/v1/admin/flags/${key}`],
      ['PUT', `/v1/admin/flags/${key}`, booleanFlag(key)],
      ['DELETE', `/v1/admin/flags/${key}`],
      ['GET', `/v1/admin/flags/${key}/evaluation`],
    ];
    for (const [method, url, payload] of routes) {
      expect((await send(t, method, url, user.auth, payload)).statusCode, `${method} ${url} user`).toBe(403);
      expect((await send(t, method, url, apiKey.auth, payload)).statusCode, `${method} ${url} key`).toBe(403);
      expect((await send(t, method, url, undefined, payload)).statusCode, `${method} ${url} anon`).toBe(401);
    }
    expect((await send(t, 'GET', '/v1/me/flags')).statusCode).toBe(401);
    expect((await send(t, 'GET', '/v1/me/flags', apiKey.auth)).statusCode).toBe(403);
  });
});

describe('evaluation', () => {
  it("evaluates rules against the caller's email, role and active organization", async () => {
    const t = await app();
    const root = await createOrgUser(t, { prefix: 'flags-root', globalRole: 'admin' });
    const insider = await createOrgUser(t, { prefix: 'flags-insider' });
    const outsider = await createOrgUser(t, { prefix: 'flags-outsider' });
    const domain = `${randomBytes(4).toString('hex')}.example`;
    await t.deps.db.user.update({
      where: { id: insider.id },
      data: { email: `ada@${domain.toUpperCase()}` },
    });
    const org = await createOrg(t, 'Beta Org');
    await t.deps.db.user.update({ where: { id: outsider.id }, data: { activeOrganizationId: org.id } });
    const key = uniqueKey('rules');
    const res = await send(t, 'POST', '/v1/admin/flags', root.auth, {
      ...booleanFlag(key),
      rules: [
        {
          id: 'staff',
          conditions: [{ attribute: 'emailDomain', operator: 'in', values: [`@${domain}`] }],
          variant: 'on',
        },
        {
          id: 'beta-org',
          conditions: [{ attribute: 'organizationId', operator: 'in', values: [org.id] }],
          variant: 'on',
        },
        {
          id: 'admins',
          conditions: [{ attribute: 'role', operator: 'in', values: ['admin'] }],
          variant: 'on',
        },
      ],
    });
    expect(res.statusCode).toBe(201);
    await t.deps.flags.settled();

    expect((await myFlags(t, insider.auth))[key]).toEqual({ variant: 'on', value: true });
    expect((await myFlags(t, outsider.auth))[key]).toEqual({ variant: 'on', value: true });
    expect((await myFlags(t, root.auth))[key]).toEqual({ variant: 'on', value: true });
    const nobody = await createOrgUser(t, { prefix: 'flags-nobody' });
    expect((await myFlags(t, nobody.auth))[key]).toEqual({ variant: 'off', value: false });

    const explain = (query: string) => send(t, 'GET', `/v1/admin/flags/${key}/evaluation${query}`, root.auth);
    const why = await explain(`?userId=${insider.id}`);
    expect(why.statusCode).toBe(200);
    expect(why.json()).toMatchObject({
      key,
      environment: 'test',
      context: { userId: insider.id, role: 'user' },
      variant: 'on',
      reason: 'rule',
      ruleId: 'staff',
    });
    expect((await explain(`?userId=${nobody.id}&organizationId=${org.id}`)).json()).toMatchObject({
      variant: 'on',
      ruleId: 'beta-org',
    });
    expect((await explain(`?userId=${nobody.id}`)).json()).toMatchObject({
      variant: 'off',
      reason: 'default',
    });
    expect((await explain(`?userId=${randomUUID()}`)).statusCode).toBe(404);
    expect((await send(t, 'GET', '/v1/admin/flags/no-such-flag/evaluation', root.auth)).statusCode).toBe(404);
  });
});

describe('propagation', () => {
  it('reaches another API instance within one second of the change', async () => {
    const prefix = `flags-${randomBytes(4).toString('hex')}`;
    const a = await app({ REDIS_PREFIX: prefix });
    const b = await app({ REDIS_PREFIX: prefix });
    const root = await createOrgUser(a, { prefix: 'flags-root', globalRole: 'admin' });
    const user = await createOrgUser(a, { prefix: 'flags-user' });
    const userOnB = `Bearer ${b.app.accessTokens.sign({ sub: user.id, sid: randomUUID(), role: 'user', amr: ['pwd'], auth_time: Math.floor(Date.now() / 1000) })}`;
    const key = uniqueKey('propagate');

    for (const [step, definition, expected] of [
      ['create', booleanFlag(key, { defaults: { development: 'off', test: 'on', production: 'off' } }), 'on'],
      [
        'kill',
        booleanFlag(key, {
          defaults: { development: 'off', test: 'on', production: 'off' },
          killSwitch: true,
        }),
        'off',
      ],
    ] as const) {
      const res =
        step === 'create'
          ? await send(a, 'POST', '/v1/admin/flags', root.auth, definition)
          : await send(a, 'PUT', `/v1/admin/flags/${key}`, root.auth, definition);
      const changedAt = performance.now();
      expect(res.statusCode).toBeLessThan(300);
      let seen: string | undefined;
      while (performance.now() - changedAt < 3000) {
        seen = (await myFlags(b, userOnB))[key]?.variant;
        if (seen === expected) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const elapsed = performance.now() - changedAt;
      expect(seen, step).toBe(expected);
      expect(elapsed, `${step} took ${Math.round(elapsed)} ms`).toBeLessThan(1000);
    }
  });

  it('keeps serving the flags it loaded from the database while Redis is down', async () => {
    const t = await app();
    const root = await createOrgUser(t, { prefix: 'flags-root', globalRole: 'admin' });
    const key = uniqueKey('offline');
    expect(
      (
        await send(
          t,
          'POST',
          '/v1/admin/flags',
          root.auth,
          booleanFlag(key, { defaults: { development: 'off', test: 'on', production: 'off' } }),
        )
      ).statusCode,
    ).toBe(201);

    const offline = await app({ REDIS_URL: 'redis://127.0.0.1:1' });
    const user = await createOrgUser(offline, { prefix: 'flags-user' });
    expect((await myFlags(offline, user.auth))[key]).toEqual({ variant: 'on', value: true });

    // The database goes away too: a reload fails and the last known set stays.
    await offline.deps.db.$disconnect();
    const failing = offline.deps.db.featureFlag.findMany;
    offline.deps.db.featureFlag.findMany = (() =>
      Promise.reject(new Error('database down'))) as unknown as typeof failing;
    expect(await offline.deps.flags.reload()).toBe(false);
    expect(offline.deps.flags.evaluate(key, { userId: user.id })).toMatchObject({ variant: 'on' });
    offline.deps.db.featureFlag.findMany = failing;
  });
});
