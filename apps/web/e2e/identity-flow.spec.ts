import { expect, test } from '@playwright/test';
import { baseURL } from './support/env';
import {
  createVerifiedUser,
  linkTo,
  signInThroughUi,
  strongPassword,
  uniqueEmail,
  waitForMail,
} from './support/identity';
import { messages } from './support/messages';

const en = messages.en;

test('sign up → verify by mail → sign in → change password → revoke another session → sign out', async ({
  page,
  browser,
  request,
}) => {
  const user = { email: uniqueEmail('flow'), password: strongPassword(), name: 'Noor Flow' };

  // Sign up in the UI.
  await page.goto('/en/sign-up');
  await page.getByLabel(en.Auth.common.nameLabel).fill(user.name);
  await page.getByLabel(en.Auth.common.emailLabel).fill(user.email);
  // Exact: the password field's show/hide switch is labelled "Show password".
  await page.getByLabel(en.Auth.common.passwordLabel, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: en.Auth.signUp.submit }).click();
  await expect(page.getByTestId('sign-up-done')).toContainText(user.email);

  // Verify through the link in the real mail. Opened in the browser that signed up, it signs
  // that browser in (ADR 0028): straight to the dashboard, no password typed again.
  const mail = await waitForMail(request, user.email, /./);
  await page.goto(linkTo(mail, '/verify-email'));
  await expect(page).toHaveURL(/\/en\/dashboard$/);
  await expect(page.getByTestId('dashboard-title')).toHaveText(`Welcome, ${user.name}`);

  // Sign out and in again with the password; `next` defaults to the dashboard.
  const signedOut = await page.request.post('/api/v1/auth/sign-out', {
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    data: {},
  });
  expect(signedOut.ok()).toBe(true);
  await signInThroughUi(page, user);
  await expect(page).toHaveURL(/\/en\/dashboard$/);
  await expect(page.getByTestId('dashboard-title')).toHaveText(`Welcome, ${user.name}`);

  // Change the password (fresh sign-in: inside the sudo window, no prompt).
  await page.goto('/en/settings/security');
  const newPassword = strongPassword();
  const passwordSection = page.getByTestId('password-section');
  await passwordSection.getByLabel(en.Security.password.currentLabel, { exact: true }).fill(user.password);
  await passwordSection.getByLabel(en.Security.password.newLabel, { exact: true }).fill(newPassword);
  await passwordSection.getByRole('button', { name: en.Security.password.submit }).click();
  await expect(page.getByText(en.Security.password.done)).toBeVisible();
  user.password = newPassword;

  // A second browser signs in with the new password.
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await signInThroughUi(otherPage, user);
  await expect(otherPage).toHaveURL(/\/en\/dashboard$/);

  // The first browser sees both sessions, marks its own, and revokes the other one.
  await page.reload();
  const rows = page.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="session-row"][data-current]')).toContainText(
    en.Security.sessions.thisDevice,
  );
  const otherRow = page.locator('[data-testid="session-row"]:not([data-current])');
  await otherRow.getByRole('button', { name: /^Revoke the session on/ }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: en.Security.sessions.revoke }).click();
  await expect(page.getByText(en.Security.sessions.revoked)).toBeVisible();
  await expect(rows).toHaveCount(1);

  // The revoked browser is sent to sign-in on its next page load.
  await otherPage.goto('/en/settings/profile');
  await expect(otherPage).toHaveURL(/\/en\/sign-in\?next=%2Fen%2Fsettings%2Fprofile$/);
  await other.close();

  // Recent activity lists the password change.
  await expect(page.getByTestId('activity-table')).toContainText(
    en.Security.activity.actions.auth_password_changed,
  );

  // Sign out from the user menu; protected pages now redirect.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: en.App.signOut }).click();
  await expect(page).toHaveURL(/\/en\/sign-in$/);
  await page.goto('/en/dashboard');
  await expect(page).toHaveURL(/\/en\/sign-in\?next=%2Fen%2Fdashboard$/);
});

test('sign-in returns to a local next and ignores a foreign one', async ({ page, request }) => {
  const user = await createVerifiedUser(request, 'next');
  await signInThroughUi(page, user, '/en/sign-in?next=%2Fen%2Fsettings%2Fprofile');
  await expect(page).toHaveURL(/\/en\/settings\/profile$/);

  await page.context().clearCookies();
  await signInThroughUi(page, user, '/en/sign-in?next=%2F%2Fevil.example.com%2F');
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/en\/dashboard$/);
});

test('wrong credentials show one localized message', async ({ page }) => {
  await page.goto('/fr/sign-in');
  await page.getByLabel(messages.fr.Auth.common.emailLabel).fill(uniqueEmail('nobody'));
  await page
    .getByLabel(messages.fr.Auth.common.passwordLabel, { exact: true })
    .fill('not the password at all');
  await page.getByRole('button', { name: messages.fr.Auth.signIn.submit }).click();
  await expect(page.getByTestId('form-error')).toHaveText(messages.fr.Errors.invalid_credentials);
});
