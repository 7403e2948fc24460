import { expect, type Page, test } from '@playwright/test';
import { expectNoViolations } from './support/a11y';
import { promoteToAdmin } from './support/admin';
import { createVerifiedUser, signInContext, type TestUser } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;
const ar = messages.ar;
const json = { 'content-type': 'application/json' };

async function signedInAdmin(page: Page, tag: string): Promise<TestUser> {
  const admin = await createVerifiedUser(page.request, tag);
  await promoteToAdmin(admin.email);
  await signInContext(page, admin);
  return admin;
}

const userRow = (page: Page, email: string) =>
  page.getByTestId('admin-user-row').and(page.locator(`[data-email="${email}"]`));

test('an admin finds a user by a misspelt name, disables and re-enables them', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signedInAdmin(page, 'admin-users-admin');

  // The target: a distinctive name set through their own profile, signed in in a browser of theirs.
  const targetContext = await browser.newContext();
  const targetPage = await targetContext.newPage();
  const target = await createVerifiedUser(targetPage.request, 'admin-users-target');
  await signInContext(targetPage, target);
  const name = 'Theodora Quicksilver';
  const renamed = await targetPage.request.patch('/api/v1/me', {
    headers: { ...json, 'sec-fetch-site': 'same-origin' },
    data: { name },
  });
  expect(renamed.status(), await renamed.text()).toBe(200);
  await targetPage.goto('/en/dashboard');
  await expect(targetPage).toHaveURL(/\/en\/dashboard$/);

  // The list: the shell's admin section links to it; axe in both themes.
  await page.goto('/en/dashboard');
  await page.getByTestId('nav-admin').getByTestId('admin-nav-users').click();
  await expect(page).toHaveURL(/\/en\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: en.AdminUsers.title })).toBeVisible();
  await expect(page.getByTestId('admin-nav-users')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('columnheader', { name: en.AdminUsers.columns.createdAt })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expectNoViolations(page, 'light');
  await expectNoViolations(page, 'dark');

  // A misspelt search still finds her; the URL carries the query (a shareable view).
  await page.getByLabel(en.AdminUsers.searchLabel).fill('Teodora Quiksilver');
  await page.getByTestId('admin-users-search').click();
  await expect(page).toHaveURL(/[?&]q=Teodora\+Quiksilver/);
  const row = userRow(page, target.email);
  await expect(row).toBeVisible();
  await expect(row).toContainText(name);
  await expect(row.getByTestId('admin-user-status')).toHaveText(en.AdminUsers.status.active);
  // Reloading keeps the view.
  await page.reload();
  await expect(page.getByLabel(en.AdminUsers.searchLabel)).toHaveValue('Teodora Quiksilver');
  await expect(userRow(page, target.email)).toBeVisible();

  // The detail page.
  await userRow(page, target.email).getByTestId('admin-user-link').click();
  await expect(page).toHaveURL(/\/en\/admin\/users\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('admin-user-name')).toHaveText(name);
  await expect(page.getByTestId('admin-user-sessions').getByRole('row')).not.toHaveCount(0);
  await expect(page.getByTestId('admin-user-resendVerification')).toHaveCount(0); // already verified
  await expectNoViolations(page, 'light');
  await expectNoViolations(page, 'dark');

  // Disable: confirmation, toast, badge.
  await page.getByTestId('admin-user-disable').click();
  const dialog = page.getByRole('alertdialog', { name: en.AdminUsers.confirm.disableTitle });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: en.AdminUsers.actions.disable }).click();
  await expect(page.getByText(en.AdminUsers.toast.disabled.replace('{name}', name))).toBeVisible();
  await expect(page.getByTestId('admin-user-status')).toHaveText(en.AdminUsers.status.disabled);
  await expect(page.getByTestId('admin-user-enable')).toBeVisible();

  // The target's browser is signed out, and signing in is refused (without saying why).
  await targetPage.goto('/en/dashboard');
  await expect(targetPage).toHaveURL(/\/en\/sign-in/);
  await targetPage.getByLabel('Email address').fill(target.email);
  await targetPage.getByLabel('Password', { exact: true }).fill(target.password);
  await targetPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(targetPage.getByText(en.Errors.invalid_credentials)).toBeVisible();
  await expect(targetPage).toHaveURL(/\/en\/sign-in/);

  // Re-enable: the target can sign in again.
  await page.getByTestId('admin-user-enable').click();
  const enable = page.getByRole('alertdialog', { name: en.AdminUsers.confirm.enableTitle });
  await enable.getByRole('button', { name: en.AdminUsers.actions.enable }).click();
  await expect(page.getByText(en.AdminUsers.toast.enabled.replace('{name}', name))).toBeVisible();
  await expect(page.getByTestId('admin-user-status')).toHaveText(en.AdminUsers.status.active);

  await targetPage.getByRole('button', { name: 'Sign in' }).click();
  await targetPage.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  await targetPage.goto('/en/dashboard');
  await expect(targetPage).toHaveURL(/\/en\/dashboard$/);
  await targetContext.close();
});

test('the admin area is a plain not-found page for everyone else', async ({ page }) => {
  const user = await createVerifiedUser(page.request, 'admin-users-nonadmin');
  await signInContext(page, user);
  await page.goto('/en/dashboard');
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  const res = await page.goto('/en/admin/users');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: en.NotFound.title })).toBeVisible();
  // The API refuses as well.
  const api = await page.request.get('/api/v1/admin/users');
  expect(api.status()).toBe(403);
});

test('the users area in Arabic is right-to-left and sorts by column', async ({ page }) => {
  const admin = await signedInAdmin(page, 'admin-users-rtl');
  await page.goto('/ar/admin/users');
  await expect(page).toHaveURL(/\/ar\/admin\/users$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: ar.AdminUsers.title })).toBeVisible();
  await page.getByTestId('admin-users-sort-email').click();
  await expect(page).toHaveURL(/sort=email&order=asc/);
  await expect(page.getByRole('columnheader', { name: ar.AdminUsers.columns.email })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(userRow(page, admin.email)).toBeVisible();
  await expectNoViolations(page, 'light');
});

test('self-protection answers are shown, deletion is typed out and can be undone', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const admin = await signedInAdmin(page, 'admin-users-self');
  const victim = await createVerifiedUser(request, 'admin-users-victim');

  // Disabling your own account: the API's 409 explanation is shown.
  await page.goto(`/en/admin/users?q=${encodeURIComponent(admin.email)}`);
  await userRow(page, admin.email).getByTestId('admin-user-link').click();
  await expect(page).toHaveURL(/\/en\/admin\/users\/[0-9a-f-]{36}$/);
  await expect(page.getByText(en.AdminUsers.selfNote)).toBeVisible();
  await page.getByTestId('admin-user-disable').click();
  await page
    .getByRole('alertdialog', { name: en.AdminUsers.confirm.disableTitle })
    .getByRole('button', { name: en.AdminUsers.actions.disable })
    .click();
  await expect(page.getByTestId('admin-user-action-error')).toContainText('your own account');
  await expect(page.getByTestId('admin-user-status')).toHaveText(en.AdminUsers.status.active);

  // Deleting someone else: the button stays off until the email is typed.
  await page.goto(`/en/admin/users?q=${encodeURIComponent(victim.email)}`);
  await userRow(page, victim.email).getByTestId('admin-user-link').click();
  await page.getByTestId('admin-user-delete').click();
  const dialog = page.getByRole('dialog', { name: en.AdminUsers.confirm.deleteTitle });
  const confirm = dialog.getByRole('button', { name: en.AdminUsers.actions.delete });
  await expect(confirm).toBeDisabled();
  await dialog
    .getByLabel(en.AdminUsers.confirm.deleteTypeLabel.replace('{email}', victim.email))
    .fill(victim.email);
  await confirm.click();
  await expect(page.getByTestId('admin-user-status')).toHaveText(en.AdminUsers.status.deleted);
  // Restorable until the grace period ends: the page says when the purge comes.
  await expect(page.getByTestId('admin-user-deleted')).toContainText(
    en.AdminUsers.restore.notice.split('{deletedOn}')[0] ?? '',
  );
  // Gone from the default list, found with status=deleted.
  await page.goto(`/en/admin/users?q=${encodeURIComponent(victim.email)}`);
  await expect(userRow(page, victim.email)).toHaveCount(0);
  await page.goto(`/en/admin/users?q=${encodeURIComponent(victim.email)}&status=deleted`);
  await expect(userRow(page, victim.email)).toBeVisible();

  // Restore (sudo, like the deletion: the admin signed in moments ago): the account is back.
  await userRow(page, victim.email).getByTestId('admin-user-link').click();
  await page.getByTestId('admin-user-restore').click();
  await page
    .getByRole('alertdialog', { name: en.AdminUsers.restore.confirmTitle })
    .getByRole('button', { name: en.AdminUsers.restore.action })
    .click();
  await expect(page.getByTestId('admin-user-status')).toHaveText(en.AdminUsers.status.active);
  await expect(page.getByTestId('admin-user-deleted')).toHaveCount(0);
  await expect(page.getByTestId('admin-user-delete')).toBeVisible();
  await expectNoViolations(page, 'light');
});
