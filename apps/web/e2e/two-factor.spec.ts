import { expect, test } from '@playwright/test';
import { createVerifiedUser } from './support/identity';
import { messages } from './support/messages';
import { enableTwoFactorInUi, passwordStep } from './support/two-factor';

const en = messages.en;

test('enable 2FA, sign out, sign in with a code (a wrong one first)', async ({ page, request }) => {
  const user = await enableTwoFactorInUi(page, await createVerifiedUser(request, '2fa-code'));
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: en.App.signOut }).click();
  await expect(page).toHaveURL(/\/en\/sign-in$/);

  await passwordStep(page, user);
  const step = page.getByTestId('two-factor-step');
  const code = step.getByLabel(en.TwoFactor.step.codeLabel);
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  // Not a session yet: protected pages still redirect.
  expect((await page.context().cookies()).filter((c) => c.name.endsWith('gw_at'))).toHaveLength(0);

  const good = await user.authenticator.code();
  await code.fill(good === '000000' ? '111111' : '000000');
  await step.getByRole('button', { name: en.TwoFactor.step.submit }).click();
  await expect(step.getByTestId('form-error')).toHaveText(en.Errors.two_factor_invalid);

  await code.fill(good);
  await step.getByRole('button', { name: en.TwoFactor.step.submit }).click();
  await expect(page).toHaveURL(/\/en\/dashboard$/);

  // The security page shows 2FA on, with ten backup codes left.
  await page.goto('/en/settings/security');
  await expect(page.getByTestId('two-factor-enabled')).toContainText('10');
});

test('sign in with a backup code, which then no longer works', async ({ page, browser, request }) => {
  const user = await enableTwoFactorInUi(page, await createVerifiedUser(request, '2fa-backup'));
  const [backup] = user.backupCodes;
  if (!backup) throw new Error('no backup code');

  const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const other = await fresh.newPage();
  await passwordStep(other, user);
  const step = other.getByTestId('two-factor-step');
  await step.getByRole('button', { name: en.TwoFactor.step.useBackup }).click();
  await step.getByLabel(en.TwoFactor.step.backupLabel).fill(backup);
  await step.getByRole('button', { name: en.TwoFactor.step.submit }).click();
  await expect(other).toHaveURL(/\/en\/dashboard$/);
  await fresh.close();

  // Single use: the same code is refused on the next sign-in.
  const again = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const third = await again.newPage();
  await passwordStep(third, user);
  const step3 = third.getByTestId('two-factor-step');
  await step3.getByRole('button', { name: en.TwoFactor.step.useBackup }).click();
  await step3.getByLabel(en.TwoFactor.step.backupLabel).fill(backup);
  await step3.getByRole('button', { name: en.TwoFactor.step.submit }).click();
  await expect(step3.getByTestId('form-error')).toHaveText(en.Errors.two_factor_invalid);
  await again.close();
});

test('remember this device skips the code next time; forgetting it brings the code back', async ({
  page,
  browser,
  request,
}) => {
  const user = await enableTwoFactorInUi(page, await createVerifiedUser(request, '2fa-trust'));
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const tab = await ctx.newPage();
  await passwordStep(tab, user);
  const step = tab.getByTestId('two-factor-step');
  await step.getByLabel(en.TwoFactor.step.codeLabel).fill(await user.authenticator.code());
  await step.getByLabel(en.TwoFactor.step.remember).check();
  await step.getByRole('button', { name: en.TwoFactor.step.submit }).click();
  await expect(tab).toHaveURL(/\/en\/dashboard$/);

  // Signed out, the same browser goes straight through after the password.
  await ctx.clearCookies({ name: /gw_(at|rt)$/ });
  await tab.goto('/en/sign-in');
  await tab.getByLabel(en.Auth.common.emailLabel).fill(user.email);
  await tab.getByLabel(en.Auth.common.passwordLabel, { exact: true }).fill(user.password);
  await tab.getByRole('button', { name: en.Auth.signIn.submit }).click();
  await expect(tab).toHaveURL(/\/en\/dashboard$/);

  // The device is listed on the security page and can be forgotten.
  await tab.goto('/en/settings/security');
  const rows = tab.getByTestId('trusted-device-row');
  await expect(rows).toHaveCount(1);
  await rows
    .first()
    .getByRole('button', { name: /^Forget / })
    .click();
  await tab.getByRole('alertdialog').getByRole('button', { name: en.TwoFactor.devices.revoke }).click();
  await expect(tab.getByText(en.TwoFactor.devices.revoked)).toBeVisible();
  await expect(
    tab.getByTestId('trusted-devices-section').getByText(en.TwoFactor.devices.empty),
  ).toBeVisible();
  await ctx.close();
});
