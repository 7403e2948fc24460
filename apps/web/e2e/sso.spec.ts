import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { baseURL } from './support/env';
import { createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;

// The API builds the provider's redirect URI and its own redirects from APP_URL, which the stack
// runner sets to http://localhost:<web port>; cookies are per host, so this spec uses that host.
test.use({ baseURL: baseURL.replace('127.0.0.1', 'localhost') });

/** The devstack's oidc-provider (dev interactions): any login, any password. */
async function providerLogin(page: Page, login: string) {
  const form = page.locator('form').filter({ has: page.locator('input[name="login"]') });
  await expect(form).toBeVisible();
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill('any password works here');
  await form.locator('button[type="submit"]').click();
}

test('sign in with the local SSO provider; its only sign-in method cannot be removed', async ({ page }) => {
  const login = `e2e-sso-${randomUUID()}@example.com`;
  await page.goto('/en/sign-in');
  await page.getByRole('link', { name: en.Sso.continueWith.replace('{provider}', 'Dev SSO') }).click();
  await providerLogin(page, login);
  await expect(page).toHaveURL(/\/en\/dashboard$/);

  await page.goto('/en/settings/security');
  const row = page.locator('[data-testid="connected-row"][data-provider="dev"]');
  await expect(row).toHaveAttribute('data-linked', 'true');
  await expect(row).toContainText(login);
  await row.getByRole('button', { name: en.Connected.unlinkLabel.replace('{provider}', 'Dev SSO') }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: en.Connected.unlink }).click();
  await expect(page.getByTestId('connected-error')).toHaveText(en.Connected.lastMethod);
  await expect(row).toHaveAttribute('data-linked', 'true');
});

test('link a provider to a password account, sign in with it, then unlink it', async ({ page, request }) => {
  const user = await createVerifiedUser(request, 'sso-link');
  await signInContext(page, user);
  await page.goto('/en/settings/security');
  const row = page.locator('[data-testid="connected-row"][data-provider="dev"]');
  await expect(row).not.toHaveAttribute('data-linked', /.*/);
  await row.getByRole('button', { name: en.Connected.linkLabel.replace('{provider}', 'Dev SSO') }).click();
  const login = `e2e-link-${randomUUID()}`;
  await providerLogin(page, login);
  await expect(page).toHaveURL(/\/en\/settings\/security\?linked=dev$/);
  await expect(page.getByTestId('connected-section').getByTestId('form-success')).toHaveText(
    en.Connected.linkedDone,
  );
  await expect(row).toHaveAttribute('data-linked', 'true');

  // Unlink (a password remains, so it is allowed).
  await row.getByRole('button', { name: en.Connected.unlinkLabel.replace('{provider}', 'Dev SSO') }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: en.Connected.unlink }).click();
  await expect(page.getByText(en.Connected.unlinked.replace('{provider}', 'Dev SSO'))).toBeVisible();
  await expect(row).not.toHaveAttribute('data-linked', /.*/);
});

test('SSO keeps the language the user started in, also when the callback is refused', async ({ page }) => {
  const ar = messages.ar;
  await page.goto('/ar/sign-in');
  await page.getByRole('link', { name: ar.Sso.continueWith.replace('{provider}', 'Dev SSO') }).click();
  await providerLogin(page, `e2e-sso-ar-${randomUUID()}@example.com`);
  await expect(page).toHaveURL(/\/ar\/dashboard$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');

  // A callback without its flow cookie (expired, another browser): the API cannot know the start
  // page, so the web picks the language this browser was using, not English.
  await page.context().clearCookies({ name: /^gw_/ });
  await page.goto('/api/v1/auth/sso/dev/callback?code=stale&state=stale');
  await expect(page).toHaveURL(/\/ar\/sign-in\?error=sso_state_invalid$/);
  await expect(page.getByTestId('form-error')).toHaveText(ar.SsoErrors.sso_state_invalid);
});

test('a provider error comes back to sign-in as a localized message', async ({ page }) => {
  await page.goto('/fr/sign-in?error=sso_access_denied');
  await expect(page.getByTestId('form-error')).toHaveText(messages.fr.SsoErrors.sso_access_denied);
  await page.goto('/en/sign-in?error=%3Cscript%3E');
  await expect(page.getByTestId('form-error')).toHaveText(en.SsoErrors.generic);
});
