import { expect, test } from '@playwright/test';
import { expectNoViolations } from './support/a11y';
import { createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';
import { enableTwoFactorInUi, passwordStep } from './support/two-factor';

const ar = messages.ar;

for (const colorScheme of ['light', 'dark'] as const) {
  test(`2FA enrolment, backup codes, code step and SSO error have no axe violations (${colorScheme})`, async ({
    page,
    request,
  }) => {
    await page.emulateMedia({ colorScheme });
    const user = await createVerifiedUser(request, `a11y-2fa-${colorScheme}`);
    // Enrolment screen (QR + key + confirm).
    await signInContext(page, user);
    await page.goto('/en/settings/security');
    await page
      .getByTestId('two-factor-section')
      .getByRole('button', { name: messages.en.TwoFactor.enrol.start })
      .click();
    await expect(page.getByTestId('two-factor-qr')).toBeVisible();
    await expectNoViolations(page);
    await page.context().clearCookies();

    const enabled = await enableTwoFactorInUi(page, user);
    await expectNoViolations(page); // security page with 2FA on and the trusted-devices section
    await page.context().clearCookies();
    await passwordStep(page, enabled);
    await expectNoViolations(page);
    await page.goto('/en/sign-in?error=sso_state_invalid');
    await expect(page.getByTestId('form-error')).toBeVisible();
    await expectNoViolations(page);
    await page.goto('/en/two-factor');
    await expectNoViolations(page);
  });
}

test('the Arabic code step renders right-to-left with a left-to-right code input', async ({
  page,
  request,
}) => {
  const user = await enableTwoFactorInUi(page, await createVerifiedUser(request, 'rtl-2fa'));
  await page.context().clearCookies();
  await passwordStep(page, user, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const step = page.getByTestId('two-factor-step');
  const heading = step.getByRole('heading', { name: ar.TwoFactor.step.title });
  expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  const input = step.getByLabel(ar.TwoFactor.step.codeLabel);
  await expect(input).toHaveAttribute('dir', 'ltr');
  await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
  // The label sits at the input's right edge (the start side in RTL).
  const label = step.locator('label', { hasText: ar.TwoFactor.step.codeLabel });
  const [l, i] = [await label.boundingBox(), await input.boundingBox()];
  if (!l || !i) throw new Error('layout boxes missing');
  expect(Math.abs(l.x + l.width - (i.x + i.width))).toBeLessThan(2);
  // Errors are Arabic too.
  await input.fill('12');
  await step.getByRole('button', { name: ar.TwoFactor.step.submit }).click();
  await expect(step.getByTestId('field-error-code')).toHaveText(ar.Fields.code);
  await step.getByRole('button', { name: ar.TwoFactor.step.useBackup }).click();
  await expect(step.getByLabel(ar.TwoFactor.step.backupLabel)).toBeVisible();
});
