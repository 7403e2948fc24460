import { expect, test } from '@playwright/test';
import { createVerifiedUser, linkTo, signInThroughUi, strongPassword, waitForMail } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;

test('forgot password → reset through the mail link → sign in with the new password only', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request, 'reset');

  await page.goto('/en/sign-in');
  await page.getByRole('link', { name: en.Auth.signIn.forgot }).click();
  await expect(page).toHaveURL(/\/en\/forgot-password$/);
  await page.getByLabel(en.Auth.common.emailLabel).fill(user.email);
  await page.getByRole('button', { name: en.Auth.forgot.submit }).click();
  await expect(page.getByTestId('form-success')).toContainText(user.email);

  const mail = await waitForMail(request, user.email, /reset/i);
  const link = linkTo(mail, '/reset-password');
  await page.goto(link);
  const newPassword = strongPassword();
  const field = page.getByLabel(en.Auth.reset.passwordLabel, { exact: true });
  await field.fill(newPassword);
  // The new password can be checked before it is sent, and the hint runs the server's rules.
  await expect(page.getByTestId('password-hint-password')).toHaveAttribute('data-state', 'ok');
  await page.getByRole('button', { name: en.Auth.password.show }).click();
  await expect(field).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: en.Auth.password.hide }).click();
  await expect(field).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: en.Auth.reset.submit }).click();
  await expect(page.getByTestId('form-success')).toContainText(en.Auth.reset.doneTitle);

  // The link is single-use.
  await page.goto(link);
  await page.getByLabel(en.Auth.reset.passwordLabel, { exact: true }).fill(strongPassword());
  await page.getByRole('button', { name: en.Auth.reset.submit }).click();
  await expect(page.getByTestId('form-error')).toContainText(en.Errors.link_invalid);

  // The old password no longer works; the new one does.
  await page.goto('/en/sign-in');
  await page.getByLabel(en.Auth.common.emailLabel).fill(user.email);
  await page.getByLabel(en.Auth.common.passwordLabel, { exact: true }).fill(user.password);
  // Sign-in has the show/hide switch too, but no strength hint (it is not a new password).
  await expect(page.getByRole('button', { name: en.Auth.password.show })).toBeVisible();
  await expect(page.getByTestId('password-hint-password')).toHaveCount(0);
  await page.getByRole('button', { name: en.Auth.signIn.submit }).click();
  await expect(page.getByTestId('form-error')).toHaveText(en.Errors.invalid_credentials);

  await signInThroughUi(page, { ...user, password: newPassword });
  await expect(page).toHaveURL(/\/en\/dashboard$/);
});

test('a reset link without a token explains what to do', async ({ page }) => {
  await page.goto('/en/reset-password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(en.Auth.reset.missingToken);
  await expect(page.getByRole('link', { name: en.Auth.reset.requestNew })).toHaveAttribute(
    'href',
    '/en/forgot-password',
  );
});
