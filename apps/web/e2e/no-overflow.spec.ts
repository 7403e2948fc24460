import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { promoteToAdmin } from './support/admin';
import { createVerifiedUser, signInContext, type TestUser } from './support/identity';
import { createTeamOrg, expectNoHorizontalOverflow, PHONE } from './support/shell';

/**
 * No page scrolls sideways on a phone (390 px): wide content (tables, long addresses, keys) must
 * scroll inside its own box or wrap. Every public page, and every signed-in page with data in it.
 */

test.use({ viewport: PHONE });

const sameOrigin = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

async function visitAll(page: Page, paths: string[]): Promise<void> {
  for (const path of paths) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(400);
    await page.waitForLoadState('networkidle');
    await expectNoHorizontalOverflow(page, path);
  }
}

test('public pages do not scroll sideways at 390 px', async ({ page }) => {
  test.setTimeout(90_000);
  const paths = [
    '/',
    '/status',
    '/sign-in',
    '/sign-up',
    '/forgot-password',
    '/reset-password?token=x',
    '/verify-email?token=x',
    '/unlock?token=x',
    '/invitation?token=x',
  ];
  for (const locale of ['en', 'ar']) {
    await visitAll(
      page,
      paths.map((p) => `/${locale}${p === '/' ? '' : p}`),
    );
  }
  // The not-found page answers 404, by design.
  await page.goto('/en/does-not-exist');
  await expectNoHorizontalOverflow(page, '/en/does-not-exist');
});

async function signedInAdminWithData(
  page: Page,
): Promise<{ admin: TestUser; userId: string; orgId: string; webhookId: string }> {
  const admin = await createVerifiedUser(page.request, 'overflow-admin-with-a-rather-long-address');
  await promoteToAdmin(admin.email);
  await signInContext(page, admin);
  const orgId = await createTeamOrg(
    page,
    `Overflow Logistics International Cooperative ${Date.now().toString(36)}`,
  );
  // An API key, so the keys table has a row.
  const key = await page.request.post(`/api/v1/orgs/${orgId}/api-keys`, {
    headers: sameOrigin,
    data: { name: 'Deployment pipeline key for the staging cluster', scopes: ['members:read'] },
  });
  expect(key.status(), await key.text()).toBe(201);
  // A webhook endpoint with a long URL and description, for the webhooks pages.
  const hook = await page.request.post(`/api/v1/orgs/${orgId}/webhooks`, {
    headers: sameOrigin,
    data: {
      url: 'https://93.184.215.14/groundwork-hooks/a-rather-long-path-that-must-wrap-on-a-phone-screen',
      description: 'Deliveries for the staging cluster’s integration pipeline',
      eventTypes: ['*'],
    },
  });
  expect(hook.status(), await hook.text()).toBe(201);
  const webhookId = ((await hook.json()) as { endpoint: { id: string } }).endpoint.id;
  const found = await page.request.get(`/api/v1/admin/users?q=${encodeURIComponent(admin.email)}`);
  const userId = ((await found.json()) as { users: { id: string }[] }).users[0]?.id ?? '';
  expect(userId).not.toBe('');
  return { admin, userId, orgId, webhookId };
}

for (const locale of ['en', 'ar'] as const) {
  test(`signed-in pages do not scroll sideways at 390 px (${locale})`, async ({ page }) => {
    test.setTimeout(180_000);
    const { userId, orgId, webhookId } = await signedInAdminWithData(page);
    // A flag of this test's own, with a long key, for the flag's page.
    const flagKey = `e2e.overflow-check-with-a-long-flag-key-${randomUUID().slice(0, 8)}`;
    const flag = await page.request.post('/api/v1/admin/flags', {
      headers: sameOrigin,
      data: {
        key: flagKey,
        kind: 'boolean',
        variants: [{ name: 'off' }, { name: 'on' }],
        defaults: { development: 'off', test: 'off', production: 'off' },
      },
    });
    expect(flag.status(), await flag.text()).toBe(201);
    const paths = [
      '/dashboard',
      '/settings/profile',
      '/settings/security',
      '/settings/two-factor',
      '/org/new',
      '/org/files',
      '/org/settings/general',
      '/org/settings/members',
      '/org/settings/invitations',
      '/org/settings/api-keys',
      '/org/settings/webhooks',
      `/org/settings/webhooks/${webhookId}`,
      '/org/settings/danger',
      '/admin/overview',
      '/admin/users',
      `/admin/users/${userId}`,
      '/admin/organizations',
      `/admin/organizations/${orgId}`,
      '/admin/flags',
      '/admin/flags/new',
      `/admin/flags/edit?key=${encodeURIComponent(flagKey)}`,
      '/admin/audit',
      '/admin/jobs',
      '/admin/jobs/email',
    ];
    try {
      await visitAll(
        page,
        paths.map((p) => `/${locale}${p}`),
      );
    } finally {
      await page.request.delete(`/api/v1/admin/flags/${flagKey}`, { headers: sameOrigin });
    }
  });
}
