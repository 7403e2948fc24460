import { randomUUID } from 'node:crypto';
import { WEBHOOK_EVENT_TYPES, WebhookEventCatalog } from '@repo/contracts';
import { openEndpointSecret } from '@repo/webhooks';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { createKey, createOrgWorld, type OrgWorld } from '../orgs/orgs.test-support';

const app = useTestApps(() => ({ REDIS_PREFIX: `wh${randomUUID().slice(0, 8)}` }));

const PUBLIC_URL = 'https://93.184.215.14/hooks/groundwork';
const base = (orgId: string) => `/v1/orgs/${orgId}/webhooks`;

const call = (
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  auth: string,
  payload?: object,
) => t.app.inject({ method, url, headers: { authorization: auth }, ...(payload ? { payload } : {}) });

async function created(t: TestApp, w: OrgWorld, body: object = {}) {
  const res = await call(t, 'POST', base(w.org.id), w.owner.auth, {
    url: PUBLIC_URL,
    eventTypes: ['member.*'],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { endpoint: { id: string }; secret: string };
}

const outboxOf = (t: TestApp, type: string, since: Date) =>
  t.deps.db.outboxEvent.findMany({
    where: { type, createdAt: { gte: since } },
    orderBy: { createdAt: 'asc' },
  });

describe('webhook endpoints', () => {
  it('creates an endpoint with a sealed secret, audited, and lists it with its health', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const res = await call(t, 'POST', base(w.org.id), w.owner.auth, {
      url: PUBLIC_URL,
      description: 'Billing sync',
      eventTypes: ['member.*', 'organization.updated', 'member.added'],
    });
    expect(res.statusCode).toBe(201);
    const { endpoint, secret } = res.json();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    expect(endpoint).toMatchObject({
      url: PUBLIC_URL,
      description: 'Billing sync',
      eventTypes: ['member.*', 'organization.updated', 'member.added'],
      ordered: false,
      enabled: true,
      health: 'healthy',
      stats: { finished24h: 0, succeeded24h: 0, lastDeliveryAt: null },
    });
    const row = await t.deps.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secretCiphertext).not.toContain(secret.slice(6));
    expect(openEndpointSecret(t.deps.env.TOTP_ENCRYPTION_KEY, row.id, row.secretCiphertext)).toBe(secret);
    const audit = await t.deps.db.auditLog.findFirstOrThrow({
      where: { action: 'org.webhook_created', targetId: endpoint.id },
    });
    expect(audit).toMatchObject({ actorId: w.owner.id, organizationId: w.org.id });
    expect(JSON.stringify(audit)).not.toContain(secret);

    const list = await call(t, 'GET', base(w.org.id), w.admin.auth);
    expect(list.statusCode).toBe(200);
    expect(list.json().endpoints.map((e: { id: string }) => e.id)).toEqual([endpoint.id]);
    expect(list.body).not.toContain(secret);
  });

  it('refuses unknown event types with a field error, accepts families and *', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    for (const eventTypes of [['member.joined'], ['nope.*'], [], ['member.*', 'webhooks']]) {
      const res = await call(t, 'POST', base(w.org.id), w.owner.auth, { url: PUBLIC_URL, eventTypes });
      expect(res.statusCode, JSON.stringify(eventTypes)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect(res.json().errors[0].path).toMatch(/^eventTypes/);
    }
    for (const eventTypes of [['*'], ['api_key.*'], ['user.updated']]) {
      const res = await call(t, 'POST', base(w.org.id), w.owner.auth, { url: PUBLIC_URL, eventTypes });
      expect(res.statusCode, JSON.stringify(eventTypes)).toBe(201);
    }
  });

  it.each([
    ['http://93.184.215.14/hook', 'scheme_not_allowed'],
    ['https://127.0.0.1/hook', 'address_not_allowed'],
    ['https://localhost/hook', 'address_not_allowed'],
    ['https://10.1.2.3/hook', 'address_not_allowed'],
    ['https://169.254.169.254/latest/meta-data', 'address_not_allowed'],
    ['https://[::ffff:127.0.0.1]/hook', 'address_not_allowed'],
    ['https://[fd00::1]/hook', 'address_not_allowed'],
    ['https://user:pw@93.184.215.14/hook', 'credentials_in_url'],
    ['not a url', 'invalid_url'],
  ])('refuses %s at registration (%s)', async (url, reason) => {
    const t = await app();
    const w = await createOrgWorld(t);
    const res = await call(t, 'POST', base(w.org.id), w.owner.auth, { url, eventTypes: ['*'] });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'webhook_url_refused',
      errors: [{ path: 'url', code: reason }],
    });
    expect(await t.deps.db.webhookEndpoint.count({ where: { organizationId: w.org.id } })).toBe(0);
  });

  it('accepts a local http receiver only when configuration allows it', async () => {
    const t = await app({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32' });
    const w = await createOrgWorld(t);
    const res = await call(t, 'POST', base(w.org.id), w.owner.auth, {
      url: 'http://127.0.0.1:4999/in',
      eventTypes: ['*'],
    });
    expect(res.statusCode).toBe(201);
    const other = await call(t, 'POST', base(w.org.id), w.owner.auth, {
      url: 'http://10.0.0.5/in',
      eventTypes: ['*'],
    });
    expect(other.json().errors[0].code).toBe('address_not_allowed');
  });

  it('follows the permission table: members cannot, read keys read, write keys write; other tenants get 404', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const { endpoint } = await created(t, w);
    expect((await call(t, 'GET', base(w.org.id), w.member.auth)).statusCode).toBe(403);
    const readKey = await createKey(t, w.org.id, ['webhooks:read']);
    const writeKey = await createKey(t, w.org.id, ['webhooks:write', 'webhooks:read']);
    expect((await call(t, 'GET', base(w.org.id), readKey.auth)).statusCode).toBe(200);
    const denied = await call(t, 'POST', base(w.org.id), readKey.auth, {
      url: PUBLIC_URL,
      eventTypes: ['*'],
    });
    expect(denied.statusCode).toBe(403);
    expect((await call(t, 'GET', `${base(w.org.id)}/${endpoint.id}/secret`, readKey.auth)).statusCode).toBe(
      403,
    );
    const byKey = await call(t, 'POST', base(w.org.id), writeKey.auth, {
      url: PUBLIC_URL,
      eventTypes: ['*'],
    });
    expect(byKey.statusCode).toBe(201);
    // Older keys without webhook scopes reach nothing here.
    expect((await call(t, 'GET', base(w.org.id), w.writeKey.auth)).statusCode).toBe(403);
    // Another organization's owner: neither the list nor the endpoint through their own org.
    expect((await call(t, 'GET', base(w.org.id), w.otherOwner.auth)).statusCode).toBe(404);
    const foreign = await call(t, 'GET', `${base(w.otherOrg.id)}/${endpoint.id}`, w.otherOwner.auth);
    expect(foreign.statusCode).toBe(404);
    const foreignPatch = await call(t, 'PATCH', `${base(w.otherOrg.id)}/${endpoint.id}`, w.otherOwner.auth, {
      enabled: false,
    });
    expect(foreignPatch.statusCode).toBe(404);
  });

  it('reveals and rotates the secret; the previous one keeps signing through the overlap', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const { endpoint, secret } = await created(t, w);
    const url = `${base(w.org.id)}/${endpoint.id}/secret`;
    const revealed = await call(t, 'GET', url, w.admin.auth);
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect(revealed.json()).toEqual({ secret, previousSecretExpiresAt: null });
    const rotated = await call(t, 'POST', `${url}/rotate`, w.admin.auth, { overlapSeconds: 3600 });
    expect(rotated.statusCode).toBe(200);
    const { secret: next, previousSecretExpiresAt } = rotated.json();
    expect(next).not.toBe(secret);
    expect(Date.parse(previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect((await call(t, 'GET', url, w.admin.auth)).json().secret).toBe(next);
    const row = await t.deps.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    const key = t.deps.env.TOTP_ENCRYPTION_KEY;
    expect(openEndpointSecret(key, row.id, row.previousSecretCiphertext ?? '')).toBe(secret);
    const immediate = await call(t, 'POST', `${url}/rotate`, w.admin.auth, { overlapSeconds: 0 });
    expect(immediate.json().previousSecretExpiresAt).toBeNull();
    const bad = await call(t, 'POST', `${url}/rotate`, w.admin.auth, { overlapSeconds: 30 * 86_400 });
    expect(bad.statusCode).toBe(400);
  });

  it('disables and re-enables; a new URL passes the guard again', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const { endpoint } = await created(t, w);
    const url = `${base(w.org.id)}/${endpoint.id}`;
    const off = await call(t, 'PATCH', url, w.owner.auth, { enabled: false });
    expect(off.json()).toMatchObject({ enabled: false, health: 'disabled', disabledReason: 'manual' });
    await t.deps.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: 7 } });
    const on = await call(t, 'PATCH', url, w.owner.auth, { enabled: true });
    expect(on.json()).toMatchObject({ enabled: true, health: 'healthy', consecutiveFailures: 0 });
    const moved = await call(t, 'PATCH', url, w.owner.auth, { url: 'https://192.168.0.10/x' });
    expect(moved.statusCode).toBe(422);
    expect((await call(t, 'PATCH', url, w.owner.auth, {})).statusCode).toBe(400);
    expect((await call(t, 'DELETE', url, w.owner.auth)).statusCode).toBe(204);
    expect((await call(t, 'GET', url, w.owner.auth)).statusCode).toBe(404);
  });

  it('sends a test event to that endpoint alone, through the outbox', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const { endpoint } = await created(t, w);
    const since = new Date(Date.now() - 1000);
    const res = await call(t, 'POST', `${base(w.org.id)}/${endpoint.id}/test`, w.owner.auth);
    expect(res.statusCode).toBe(202);
    const events = await outboxOf(t, 'webhook.published', since);
    const test = events.find((e) => e.id === res.json().messageId);
    expect(test?.payload).toMatchObject({
      organizationId: w.org.id,
      type: 'webhook.test',
      endpointId: endpoint.id,
      data: { endpointId: endpoint.id },
    });
  });
});

describe('delivery log', () => {
  async function withDeliveries(t: TestApp, w: OrgWorld) {
    const { endpoint } = await created(t, w);
    const make = async (eventType: string, status: 'succeeded' | 'failed' | 'pending', at: Date) => {
      const message = await t.deps.db.webhookMessage.create({
        data: { id: randomUUID(), organizationId: w.org.id, eventType, body: '{}', createdAt: at },
      });
      const delivery = await t.deps.db.webhookDelivery.create({
        data: {
          messageId: message.id,
          endpointId: endpoint.id,
          status,
          attemptCount: 1,
          lastAttemptAt: at,
          createdAt: at,
        },
      });
      await t.deps.db.webhookAttempt.create({
        data: {
          deliveryId: delivery.id,
          number: 1,
          startedAt: at,
          durationMs: 12,
          url: PUBLIC_URL,
          requestHeaders: { 'webhook-id': message.id },
          responseStatus: status === 'succeeded' ? 200 : 500,
          responseHeaders: { 'content-type': 'text/plain' },
          responseBody: status === 'succeeded' ? 'ok' : 'boom',
        },
      });
      return delivery;
    };
    const hour = 3_600_000;
    const now = Date.now();
    const old = await make('member.added', 'failed', new Date(now - 5 * hour));
    const ok = await make('member.removed', 'succeeded', new Date(now - 2 * hour));
    const failed = await make('member.added', 'failed', new Date(now - hour));
    const pending = await make('member.added', 'pending', new Date(now - 1000));
    return { endpoint, old, ok, failed, pending };
  }

  it('lists newest first with filters, shows every attempt, and figures the last day', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const d = await withDeliveries(t, w);
    const url = `${base(w.org.id)}/${d.endpoint.id}/deliveries`;
    const all = await call(t, 'GET', url, w.member.auth);
    expect(all.statusCode).toBe(403);
    const list = (await call(t, 'GET', url, w.admin.auth)).json();
    expect(list.deliveries.map((x: { id: string }) => x.id)).toEqual([
      d.pending.id,
      d.failed.id,
      d.ok.id,
      d.old.id,
    ]);
    const failedOnly = (
      await call(t, 'GET', `${url}?status=failed&eventType=member.added`, w.admin.auth)
    ).json();
    expect(failedOnly.deliveries.map((x: { id: string }) => x.id)).toEqual([d.failed.id, d.old.id]);
    const since = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const recent = (await call(t, 'GET', `${url}?since=${since}`, w.admin.auth)).json();
    expect(recent.deliveries).toHaveLength(3);
    const bad = await call(t, 'GET', `${url}?status=lost`, w.admin.auth);
    expect(bad.statusCode).toBe(400);

    const detail = (await call(t, 'GET', `${url}/${d.failed.id}`, w.admin.auth)).json();
    expect(detail).toMatchObject({
      status: 'failed',
      eventType: 'member.added',
      lastResponseStatus: 500,
      body: '{}',
      attempts: [{ number: 1, responseStatus: 500, responseBody: 'boom', durationMs: 12 }],
    });
    const endpoint = (await call(t, 'GET', `${base(w.org.id)}/${d.endpoint.id}`, w.admin.auth)).json();
    expect(endpoint.stats).toMatchObject({ finished24h: 3, succeeded24h: 1, lastDeliveryStatus: 'failed' });
    const foreign = await call(
      t,
      'GET',
      `${base(w.otherOrg.id)}/${d.endpoint.id}/deliveries`,
      w.otherOwner.auth,
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('redelivers one message, refuses one still in flight, and recovers exactly the failed ones since a time', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const d = await withDeliveries(t, w);
    const url = `${base(w.org.id)}/${d.endpoint.id}/deliveries`;
    const since = new Date(Date.now() - 1000);
    const again = await call(t, 'POST', `${url}/${d.ok.id}/redeliver`, w.owner.auth);
    expect(again.statusCode).toBe(202);
    expect((await t.deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.ok.id } })).status).toBe(
      'pending',
    );
    const busy = await call(t, 'POST', `${url}/${d.pending.id}/redeliver`, w.owner.auth);
    expect(busy.statusCode).toBe(409);

    const recover = await call(t, 'POST', `${base(w.org.id)}/${d.endpoint.id}/recover`, w.owner.auth, {
      since: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    });
    expect(recover.json()).toEqual({ redelivered: 1 });
    const requests = await outboxOf(t, 'webhook.redelivery_requested', since);
    expect(requests.map((r) => (r.payload as { deliveryIds: string[] }).deliveryIds)).toEqual([
      [d.ok.id],
      [d.failed.id],
    ]);
    expect((await t.deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.old.id } })).status).toBe(
      'failed',
    );
    const future = await call(t, 'POST', `${base(w.org.id)}/${d.endpoint.id}/recover`, w.owner.auth, {
      since: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
  });
});

describe('public events', () => {
  it('serves the catalog, whose every example matches its schema', async () => {
    const t = await app();
    const res = await t.app.inject({ url: '/v1/webhooks/catalog' });
    expect(res.statusCode).toBe(200);
    const { events } = res.json();
    expect(events.map((e: { type: string }) => e.type)).toEqual(WEBHOOK_EVENT_TYPES);
    for (const e of events) {
      const entry = WebhookEventCatalog[e.type as keyof typeof WebhookEventCatalog];
      expect(entry.data.safeParse(e.example).success, e.type).toBe(true);
    }
  });

  it('publishes organization and membership changes in the transaction that makes them', async () => {
    const t = await app();
    const w = await createOrgWorld(t);
    const since = new Date(Date.now() - 1000);
    const res = await call(t, 'POST', '/v1/orgs', w.owner.auth, { name: 'Initech' });
    expect(res.statusCode).toBe(201);
    const orgId = res.json().id;
    const renamed = await call(t, 'PATCH', `/v1/orgs/${orgId}`, w.owner.auth, { name: 'Initrode' });
    expect(renamed.statusCode).toBe(200);
    const events = (await outboxOf(t, 'webhook.published', since))
      .map((e) => e.payload as { organizationId: string; type: string; data: Record<string, unknown> })
      .filter((p) => p.organizationId === orgId);
    expect(events.map((e) => e.type)).toEqual([
      'organization.created',
      'member.added',
      'organization.updated',
    ]);
    expect(events[1]?.data).toMatchObject({ member: { userId: w.owner.id, role: 'owner' } });
    expect(events[2]?.data).toEqual({
      organization: { id: orgId, name: 'Initrode', slug: expect.any(String) },
      changed: ['name'],
    });
    // A refused change publishes nothing.
    const before = await t.deps.db.outboxEvent.count({ where: { type: 'webhook.published' } });
    const refused = await call(t, 'PATCH', `/v1/orgs/${orgId}`, w.member.auth, { name: 'Nope' });
    expect(refused.statusCode).toBe(404);
    expect(await t.deps.db.outboxEvent.count({ where: { type: 'webhook.published' } })).toBe(before);
  });
});
