import { uniqueEmail } from '@repo/testing';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApps } from '../../app.test-support';
import { PASSWORD, post } from '../accounts/accounts.test-support';
import {
  deliverCallback,
  devProviderEnv,
  flowCookie,
  providerLogin,
  startFlow,
} from '../sso/sso.test-support';
import { bearerFor } from './orgs.test-support';

/** Every account gets a personal organization when it is created (A8), whichever way. */
const apps = useTestApps(() => devProviderEnv());

async function expectPersonalOrganization(t: TestApp, email: string, name: string) {
  const user = await t.deps.db.user.findUniqueOrThrow({
    where: { email },
    include: { memberships: { include: { organization: true } } },
  });
  expect(user.memberships).toHaveLength(1);
  const [membership] = user.memberships;
  expect(membership).toMatchObject({ role: 'owner', organization: { personal: true, name } });
  expect(user.activeOrganizationId).toBe(membership?.organizationId);
  const res = await t.app.inject({
    method: 'GET',
    url: '/v1/orgs',
    headers: { authorization: bearerFor(t, user.id) },
  });
  expect(res.json()).toEqual({
    activeOrganizationId: membership?.organizationId,
    organizations: [
      {
        id: membership?.organizationId,
        name,
        slug: membership?.organization.slug,
        personal: true,
        role: 'owner',
        logoUrl: null,
      },
    ],
    nextCursor: null,
  });
}

describe('personal organizations', () => {
  it('are created by password sign-up, in the same transaction as the account', async () => {
    const t = await apps();
    const email = uniqueEmail('personal');
    const res = await post(t, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'Paula Personal' });
    expect(res.statusCode).toBe(202);
    await expectPersonalOrganization(t, email, 'Paula Personal');

    // Signing up again with the address creates nothing more.
    await post(t, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'Someone Else' });
    const user = await t.deps.db.user.findUniqueOrThrow({ where: { email } });
    expect(await t.deps.db.membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it('are created by an SSO sign-up', async () => {
    const t = await apps();
    const email = uniqueEmail('ssopersonal');
    const { location, flow } = await startFlow(t);
    const callback = await providerLogin(location, email);
    const res = await deliverCallback(t, callback, { [flowCookie(t)]: flow as string });
    expect(res.statusCode).toBe(302);
    const user = await t.deps.db.user.findUniqueOrThrow({ where: { email } });
    await expectPersonalOrganization(t, email, user.name);
  });
});
