import { expect, test } from '@playwright/test';
import { ageAuthentication, createVerifiedUser, signInContext, uniqueEmail } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;

test('a sudo action past the window asks for the password, then completes', async ({
  page,
  request,
  context,
}) => {
  const user = await createVerifiedUser(request, 'sudo');
  await signInContext(page, user);
  // Push the last authentication out of the sudo window and drop the current access token, so
  // the silent refresh mints one that carries the old auth_time.
  await ageAuthentication(user.email);
  const access = (await context.cookies()).filter((c) => c.name.endsWith('gw_at'));
  expect(access).toHaveLength(1);
  await context.clearCookies({ name: access[0]?.name });
  await page.goto('/en/settings/security');

  const newEmail = uniqueEmail('sudo-new');
  const section = page.getByTestId('email-section');
  await section.getByLabel(en.Security.email.newLabel, { exact: true }).fill(newEmail);
  await section.getByRole('button', { name: en.Security.email.submit }).click();

  const dialog = page.getByRole('dialog', { name: en.Reauth.title });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(en.Reauth.passwordLabel, { exact: true }).fill('definitely the wrong password');
  await dialog.getByRole('button', { name: en.Reauth.submit }).click();
  await expect(dialog.getByTestId('form-error')).toHaveText(en.Errors.invalid_credentials);

  await dialog.getByLabel(en.Reauth.passwordLabel, { exact: true }).fill(user.password);
  await dialog.getByRole('button', { name: en.Reauth.submit }).click();
  await expect(dialog).toBeHidden();
  // The original request was retried and succeeded.
  await expect(section.getByTestId('form-success')).toContainText(newEmail);
});

test('closing the re-auth prompt cancels the action quietly', async ({ page, request, context }) => {
  const user = await createVerifiedUser(request, 'sudo-cancel');
  await signInContext(page, user);
  await ageAuthentication(user.email);
  const access = (await context.cookies()).find((c) => c.name.endsWith('gw_at'));
  expect(access).toBeDefined();
  await context.clearCookies({ name: access?.name });
  await page.goto('/en/settings/security');

  const section = page.getByTestId('email-section');
  await section.getByLabel(en.Security.email.newLabel, { exact: true }).fill(uniqueEmail('sudo-x'));
  await section.getByRole('button', { name: en.Security.email.submit }).click();
  const dialog = page.getByRole('dialog', { name: en.Reauth.title });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: en.Reauth.cancel, exact: true }).first().click();
  await expect(dialog).toBeHidden();
  await expect(section.getByTestId('form-error')).toHaveCount(0);
  await expect(section.getByRole('button', { name: en.Security.email.submit })).toBeEnabled();
});
