import { expect, test } from '@playwright/test';
import { createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';

test('saving the profile updates the name and switches the UI to the chosen language', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request, 'profile');
  await signInContext(page, user);
  await page.goto('/en/settings/profile');

  await page.getByLabel(messages.en.Profile.nameLabel).fill('Camille Martin');
  await page.getByLabel(messages.en.Profile.localeLabel).selectOption('fr');
  // The time zone is a searchable combobox (e2e/time-zone-picker.spec.ts drives it by keyboard).
  await page.getByLabel(messages.en.Profile.timezoneLabel).click();
  await page.getByRole('combobox', { name: messages.en.Profile.timezoneSearch }).fill('Paris');
  await page.getByRole('listbox').getByRole('option', { name: /Paris/ }).click();
  await page.getByRole('button', { name: messages.en.Profile.save }).click();

  await expect(page).toHaveURL(/\/fr\/settings\/profile$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages.fr.Profile.title);
  await expect(page.getByLabel(messages.fr.Profile.nameLabel)).toHaveValue('Camille Martin');
  await expect(page.getByLabel(messages.fr.Profile.timezoneLabel)).toHaveAttribute(
    'data-value',
    'Europe/Paris',
  );
  await expect(page.getByTestId('user-menu')).toContainText('Camille Martin');

  // The API kept it: a fresh load shows the same values.
  const me = await page.request.get('/api/v1/me');
  expect(await me.json()).toMatchObject({ name: 'Camille Martin', locale: 'fr', timezone: 'Europe/Paris' });
});

test('a field error from the shared schema is shown inline before any request', async ({ page, request }) => {
  const user = await createVerifiedUser(request, 'profile-invalid');
  await signInContext(page, user);
  await page.goto('/en/settings/profile');
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH') calls.push(r.url());
  });
  await page.getByLabel(messages.en.Profile.nameLabel).fill('   ');
  await page.getByRole('button', { name: messages.en.Profile.save }).click();
  await expect(page.getByTestId('field-error-name')).toHaveText(messages.en.Fields.required);
  await expect(page.getByLabel(messages.en.Profile.nameLabel)).toBeFocused();
  expect(calls).toEqual([]);
});

test('an action after the access cookie is gone refreshes the session and succeeds', async ({
  page,
  request,
  context,
}) => {
  const user = await createVerifiedUser(request, 'profile-refresh');
  await signInContext(page, user);
  await page.goto('/en/settings/profile');
  // A link prefetch of a protected page would refresh the session server-side (src/proxy.ts)
  // before the action does, and the router prefetches again whenever it likes, not only on
  // load: from here on prefetches go unanswered, so the action's own refresh is what is tested.
  await page.route(
    (url) => url.searchParams.has('_rsc'),
    (route) => (route.request().headers()['next-router-prefetch'] ? route.abort() : route.fallback()),
  );
  await page.waitForLoadState('networkidle');
  const access = (await context.cookies()).find((c) => c.name.endsWith('gw_at'));
  expect(access).toBeDefined();
  await context.clearCookies({ name: access?.name });

  const refreshes: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/v1/auth/refresh')) refreshes.push(r.status());
  });
  await page.getByLabel(messages.en.Profile.nameLabel).fill('Renewed Name');
  await page.getByRole('button', { name: messages.en.Profile.save }).click();
  await expect(page.getByText(messages.en.Profile.saved)).toBeVisible();
  expect(refreshes).toEqual([200]);
  expect((await context.cookies()).some((c) => c.name.endsWith('gw_at'))).toBe(true);
});
