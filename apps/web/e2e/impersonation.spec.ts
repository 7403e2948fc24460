import { expect, test } from '@playwright/test';
import { expectNoViolations } from './support/a11y';
import { promoteToAdmin } from './support/admin';
import { createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;
const json = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

test('an admin impersonates a user: banner, limits, audit trail, and back to their own account', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await createVerifiedUser(page.request, 'imp-admin');
  await promoteToAdmin(admin.email);
  await signInContext(page, admin);

  // The user, with a name of their own (set in their own browser).
  const targetContext = await browser.newContext();
  const target = await createVerifiedUser(targetContext.request, 'imp-target');
  await signInContext(await targetContext.newPage(), target);
  const name = 'Cornelia Impersonata';
  expect((await targetContext.request.patch('/api/v1/me', { headers: json, data: { name } })).status()).toBe(
    200,
  );
  const found = await page.request.get(`/api/v1/admin/users?q=${encodeURIComponent(target.email)}`);
  const userId = (await found.json()).users[0].id as string;

  // Start from the user's admin page: a reason is required, sudo is fresh after sign-in.
  await page.goto(`/en/admin/users/${userId}`);
  await page.getByTestId('admin-user-impersonate').click();
  const dialog = page.getByTestId('impersonate-dialog');
  await expect(
    dialog.getByRole('heading', { name: en.Impersonation.dialogTitle.replace('{name}', name) }),
  ).toBeVisible();
  await expect(page.getByTestId('impersonate-confirm')).toBeDisabled();
  await dialog.getByLabel(en.Impersonation.reasonLabel).fill('Ticket 4711: dashboard looks empty');
  await page.getByTestId('impersonate-confirm').click();

  // The app as the user, with the banner on every page.
  await expect(page).toHaveURL(/\/en\/dashboard$/);
  const banner = page.getByTestId('impersonation-banner');
  await expect(banner).toContainText(name);
  await expect(banner).toContainText(target.email);
  await expect(page.getByTestId('impersonation-left')).toHaveText(/^(30:00|29:\d\d)$/);
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await expectNoViolations(page);

  // Out of reach: the user's security settings and API keys, and the admin area.
  await page.goto('/en/settings/security');
  await expect(page.getByTestId('impersonation-restricted')).toBeVisible();
  await expect(banner).toBeVisible();
  await page.goto('/en/org/settings/api-keys');
  await expect(page.getByTestId('impersonation-restricted')).toBeVisible();
  // The organization's destructive actions are not offered (the API would refuse them too).
  await page.goto('/en/org/settings/danger');
  await expect(page.getByTestId('leave-section')).toBeVisible();
  await expect(page.getByTestId('delete-section')).toHaveCount(0);
  const password = await page.request.post('/api/v1/me/password', {
    headers: json,
    data: { currentPassword: target.password, newPassword: 'an entirely new passphrase 9' },
  });
  expect(password.status()).toBe(403);
  expect((await password.json()).code).toBe('impersonation_restricted');
  const adminArea = await page.goto(`/en/admin/users/${userId}`);
  expect(adminArea?.status()).toBe(404);

  // Arabic: the banner follows the page direction.
  await page.goto('/ar/dashboard');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(banner).toContainText(name);

  // The way back: the admin's own session returns, on the user's admin page.
  await page.goto('/en/dashboard');
  await page.getByTestId('impersonation-end').click();
  await expect(page).toHaveURL(new RegExp(`/en/admin/users/${userId}$`));
  await expect(page.getByTestId('impersonation-banner')).toHaveCount(0);
  await expect(page.getByTestId('admin-user-name')).toHaveText(name);

  // The audit log has the start, the end and every request made in between.
  const audit = async (query: string) => {
    const res = await page.request.get(`/api/v1/admin/audit-logs?${query}`);
    expect(res.status()).toBe(200);
    return (await res.json()).items as {
      action: string;
      targetId: string | null;
      impersonatorId: string | null;
    }[];
  };
  const lifecycle = (await audit(`action=admin.*&targetType=user&targetId=${userId}`)).filter((e) =>
    e.action.startsWith('admin.impersonation_'),
  );
  expect(lifecycle.map((e) => e.action).sort()).toEqual([
    'admin.impersonation_ended',
    'admin.impersonation_started',
  ]);
  const trail = await audit(`action=impersonation.request&actorId=${userId}`);
  expect(trail.map((e) => e.targetId)).toContain('POST /v1/me/password');
  expect(trail.every((e) => e.impersonatorId !== null)).toBe(true);

  // The viewer folds the per-request trail into the start row and unfolds it on demand.
  await page.goto(`/en/admin/audit?actorId=${userId}`);
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"][data-action="impersonation.request"]')).toHaveCount(0);
  await page.goto(`/en/admin/audit?action=admin.impersonation_started&targetType=user&targetId=${userId}`);
  const started = page
    .getByTestId('audit-row')
    .and(page.locator('[data-action="admin.impersonation_started"]'));
  await expect(started).toHaveCount(1);
  const count = started.getByTestId('audit-impersonation-requests');
  await expect(count).toHaveText(/^\d+ requests? made during it$/);
  await count.click();
  await expect(page.getByTestId('audit-each-request')).toBeChecked();
  const requests = page.getByTestId('audit-row');
  await expect(requests.first()).toHaveAttribute('data-action', 'impersonation.request');
  expect(new Set(await requests.evaluateAll((els) => els.map((e) => e.dataset.action)))).toEqual(
    new Set(['impersonation.request']),
  );
  await expect(requests.filter({ hasText: 'POST /v1/me/password' })).toHaveCount(1);

  // The user was never signed out by any of this.
  const still = await targetContext.request.get('/api/v1/me');
  expect(still.status()).toBe(200);
  await targetContext.close();
});
