import { randomUUID } from 'node:crypto';
import { ONBOARDING_STEPS } from '@repo/contracts';
import { uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { createKey, createOrg, createOrgUser } from '../orgs/orgs.test-support';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const get = (auth?: string) =>
  t.app.inject({ method: 'GET', url: '/v1/me/onboarding', headers: auth ? { authorization: auth } : {} });
const patch = (auth: string | undefined, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'PATCH',
    url: '/v1/me/onboarding',
    headers: { ...(auth ? { authorization: auth } : {}), ...headers },
    payload: payload as object,
  });
const doneOf = (body: { steps: { id: string; done: boolean }[] }) =>
  Object.fromEntries(body.steps.map((s) => [s.id, s.done]));

describe('GET /v1/me/onboarding', () => {
  it('lists every step in order, each done according to the account’s data', async () => {
    const user = await createOrgUser(t, { prefix: 'onb' });
    await t.deps.db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: null } });
    const first = await get(user.auth);
    expect(first.statusCode).toBe(200);
    expect(first.json().steps.map((s: { id: string }) => s.id)).toEqual([...ONBOARDING_STEPS]);
    expect(doneOf(first.json())).toEqual({
      verify_email: false,
      two_factor: false,
      invite_teammate: false,
      api_key: false,
    });
    expect(first.json().dismissed).toBe(false);

    await t.deps.db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    // A 2FA set-up that was started but not confirmed does not count.
    await t.deps.db.twoFactor.create({ data: { userId: user.id, secretCiphertext: 'x' } });
    expect(doneOf((await get(user.auth)).json())).toMatchObject({ verify_email: true, two_factor: false });
    await t.deps.db.twoFactor.update({ where: { userId: user.id }, data: { enabledAt: new Date() } });

    const org = await createOrg(t, 'Onboarding');
    await t.deps.db.invitation.create({
      data: {
        organizationId: org.id,
        email: uniqueEmail('teammate'),
        role: 'member',
        tokenHash: randomUUID(),
        invitedById: user.id,
        expiresAt: new Date(Date.now() + 86_400_000),
        lastSentAt: new Date(),
      },
    });
    const key = await createKey(t, org.id, ['members:read']);
    expect(doneOf((await get(user.auth)).json())).toMatchObject({ invite_teammate: true, api_key: false });
    await t.deps.db.apiKey.update({ where: { id: key.row.id }, data: { createdById: user.id } });

    expect(doneOf((await get(user.auth)).json())).toEqual({
      verify_email: true,
      two_factor: true,
      invite_teammate: true,
      api_key: true,
    });
  });

  it('is per user: another user’s invitations and keys do not tick my steps', async () => {
    const me = await createOrgUser(t, { prefix: 'onb-me' });
    const other = await createOrgUser(t, { prefix: 'onb-other' });
    const org = await createOrg(t, 'Other');
    const key = await createKey(t, org.id, ['members:read']);
    await t.deps.db.apiKey.update({ where: { id: key.row.id }, data: { createdById: other.id } });
    expect(doneOf((await get(me.auth)).json())).toMatchObject({ api_key: false });
    expect(doneOf((await get(other.auth)).json())).toMatchObject({ api_key: true });
  });

  it('answers 401 problem+json without a session', async () => {
    const res = await get();
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe('PATCH /v1/me/onboarding', () => {
  it('dismisses for this user only, persistently, and can reopen', async () => {
    const me = await createOrgUser(t, { prefix: 'onb-dismiss' });
    const other = await createOrgUser(t, { prefix: 'onb-keep' });
    const res = await patch(me.auth, { dismissed: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dismissed: true });
    expect((await get(me.auth)).json()).toMatchObject({ dismissed: true });
    expect((await get(other.auth)).json()).toMatchObject({ dismissed: false });

    expect((await patch(me.auth, { dismissed: false })).json()).toMatchObject({ dismissed: false });
    expect((await get(me.auth)).json()).toMatchObject({ dismissed: false });
  });

  it.each([
    ['a missing field', {}],
    ['a string for the boolean', { dismissed: 'yes' }],
    ['an unknown field', { dismissed: true, steps: [] }],
    ['an array body', [true]],
  ])('refuses %s with 400 validation_failed problem+json and changes nothing', async (_, body) => {
    const me = await createOrgUser(t, { prefix: 'onb-bad' });
    const res = await patch(me.auth, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({
      status: 400,
      code: 'validation_failed',
      requestId: expect.any(String),
    });
    expect((await get(me.auth)).json()).toMatchObject({ dismissed: false });
  });

  it('refuses a non-JSON body with 415 and an anonymous caller with 401', async () => {
    const me = await createOrgUser(t, { prefix: 'onb-415' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/v1/me/onboarding',
      headers: { authorization: me.auth, 'content-type': 'text/plain' },
      payload: 'dismissed=true',
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await patch(undefined, { dismissed: true })).statusCode).toBe(401);
  });
});
