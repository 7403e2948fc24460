import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessibleInBothThemes, expectNoViolations } from './support/a11y';
import { promoteToAdmin } from './support/admin';
import { createVerifiedUser, signInContext, type TestUser } from './support/identity';
import { messages } from './support/messages';
import { DESKTOP, expectNoHorizontalOverflow, PHONE } from './support/shell';

const en = messages.en;
const sameOrigin = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

/** A real mouse click at the middle of `target` (what a person does), whatever covers it. */
async function clickAt(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  expect(box).not.toBeNull();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

async function signInAsAdmin(page: Page, tag: string): Promise<TestUser> {
  const admin = await createVerifiedUser(page.request, tag);
  await promoteToAdmin(admin.email);
  await signInContext(page, admin);
  return admin;
}

for (const [size, viewport] of [
  ['1280 px', DESKTOP],
  ['390 px', PHONE],
] as const) {
  test(`audit log: the actor is picked by keyboard, filters apply at once, a row opens its entry (${size})`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    const admin = await signInAsAdmin(page, `audit-pick-${viewport.width}`);
    const name = `Readable ${randomUUID().slice(0, 8)}`;
    expect((await page.request.post('/api/v1/orgs', { headers: sameOrigin, data: { name } })).status()).toBe(
      201,
    );

    await page.goto('/en/admin/audit');
    const field = page.getByRole('combobox', { name: en.AdminAudit.filters.actor, exact: true });
    await field.focus();
    await page.keyboard.press('Enter');
    const search = page.getByRole('combobox', { name: en.AdminPickers.searchUsers });
    await expect(search).toBeFocused();
    await search.pressSequentially(admin.email);
    await expect(page.getByRole('listbox').getByRole('option', { name: admin.email })).toBeVisible();
    // Other accounts with look-alike addresses may be listed too; the exact one ranks first.
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(admin.email);
    await expectNoHorizontalOverflow(page, `actor picker at ${size}`);
    await page.screenshot({ path: `/tmp/pickers/audit-actor-picker-${viewport.width}.png` });
    await page.keyboard.press('Enter');
    await expect(field).toBeFocused();
    await expect(field).toContainText(admin.email);

    // No "apply" button: the list is the admin's own entries now.
    const rows = page.getByTestId('audit-row');
    const created = rows.and(page.locator('[data-action="org.created"]'));
    await expect(created).toHaveCount(1);
    // The export link follows the applied filters: once it names the actor, the rows are in.
    await expect(page.getByTestId('audit-export')).toHaveAttribute('href', /actorId=/);
    for (const text of await rows.allTextContents()) expect(text).toContain(admin.email);
    await expect(created.getByTestId('audit-action')).toHaveText(en.AdminAudit.actions.org_created);
    await expect(created.getByTestId('audit-action')).toHaveAttribute('title', /org\.created/);
    await expect(created.getByRole('link', { name: admin.name })).toHaveAttribute(
      'href',
      /\/en\/admin\/users\//,
    );
    await page.screenshot({ path: `/tmp/pickers/audit-filtered-${viewport.width}.png`, fullPage: true });

    // The whole row opens the entry (a click where the time is: the row's button covers the row),
    // as does its button by keyboard.
    await clickAt(page, created.locator('time'));
    const dialog = page.getByRole('dialog', { name: en.AdminAudit.detail.title });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('audit-detail-action')).toHaveText('org.created');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await created.getByTestId('audit-view').focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');

    // Clearing the actor widens the list again without another click.
    await page.getByRole('button', { name: en.AdminPickers.clearUser }).click();
    await expect(field).toContainText(en.AdminPickers.anyUser);
  });
}

test('admin users: filters apply as they change, and a whole row opens the account', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const target = await createVerifiedUser(request, 'rows-target');
  await signInAsAdmin(page, 'rows-admin');

  await page.goto('/en/admin/users');
  await page.getByLabel(en.AdminUsers.searchLabel).fill(target.email);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(target.email).replace(/\./g, '\\.')}`));
  await page.getByLabel(en.AdminUsers.filters.status).selectOption('active');
  await expect(page).toHaveURL(/[?&]status=active/);
  const row = page.getByTestId('admin-user-row').and(page.locator(`[data-email="${target.email}"]`));
  await expect(row).toHaveCount(1);
  // The search field kept its text and focus through the URL change.
  await expect(page.getByLabel(en.AdminUsers.searchLabel)).toHaveValue(target.email);

  // A click anywhere on the row (here: the email cell) follows the row's link.
  await clickAt(page, row.getByText(target.email));
  await expect(page).toHaveURL(/\/en\/admin\/users\/[0-9a-f-]{36}$/);
  await page.goBack();
  // By keyboard: the row's link is a real link.
  await row.getByTestId('admin-user-link').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/en\/admin\/users\/[0-9a-f-]{36}$/);
});

test('admin users: the organization filter is a picker, and an organization opens its members there', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const admin = await signInAsAdmin(page, 'org-filter-admin');
  const name = `Filtered ${randomUUID().slice(0, 8)}`;
  const created = await page.request.post('/api/v1/orgs', { headers: sameOrigin, data: { name } });
  expect(created.status()).toBe(201);
  const orgId = ((await created.json()) as { id: string }).id;

  await page.goto('/en/admin/users');
  const field = page.getByRole('combobox', { name: en.AdminUsers.filters.organization, exact: true });
  await field.focus();
  await page.keyboard.press('Enter');
  const search = page.getByRole('combobox', { name: en.AdminPickers.searchOrgs });
  await expect(search).toBeFocused();
  await search.pressSequentially(name);
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(name);
  await page.keyboard.press('Enter');
  // Applied at once: the list is that organization's members (its creator only).
  await expect(page).toHaveURL(new RegExp(`[?&]organizationId=${orgId}`));
  const rows = page.getByTestId('admin-user-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-email', admin.email);

  // From the organization's page, its members open in the list with the picker already set.
  await page.goto(`/en/admin/organizations/${orgId}`);
  await page.getByTestId('admin-org-members-in-users').click();
  await expect(page).toHaveURL(new RegExp(`/en/admin/users\\?organizationId=${orgId}$`));
  await expect(field).toContainText(name);
  await expect(rows).toHaveCount(1);
  // Clearing the picker lists everyone again.
  await page.getByRole('button', { name: en.AdminPickers.clearOrg }).click();
  await expect(page).not.toHaveURL(/organizationId=/);
  await expect.poll(() => rows.count()).toBeGreaterThan(1);
});

test('audit log: a target is chosen by type, then an organization by name', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page, 'audit-target-admin');
  const name = `Targeted ${randomUUID().slice(0, 8)}`;
  const created = await page.request.post('/api/v1/orgs', { headers: sameOrigin, data: { name } });
  expect(created.status()).toBe(201);
  const orgId = ((await created.json()) as { id: string }).id;

  await page.goto('/en/admin/audit');
  await page.getByLabel(en.AdminAudit.filters.targetType).selectOption('organization');
  const field = page.getByRole('combobox', { name: en.AdminAudit.filters.target, exact: true });
  await field.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: en.AdminPickers.searchOrgs }).pressSequentially(name);
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(name);
  await page.keyboard.press('Enter');
  await expect(field).toContainText(name);
  // Applied at once: the rows about that organization only (its creation).
  await expect(page.getByTestId('audit-export')).toHaveAttribute('href', new RegExp(`targetId=${orgId}`));
  const rows = page.getByTestId('audit-row');
  await expect(rows.and(page.locator('[data-action="org.created"]'))).toHaveCount(1);
  for (const title of await rows
    .getByTestId('audit-target')
    .evaluateAll((els) => els.map((e) => e.getAttribute('title'))))
    expect(title).toBe(`organization:${orgId}`);
});

test('changed admin pages pass axe in light, dark and Arabic, with a picker open', async ({ page }) => {
  // Five pages in two themes, then two open pickers: three minutes on a machine running suites side by side.
  test.setTimeout(180_000);
  await signInAsAdmin(page, 'readability-a11y');
  for (const path of [
    '/en/admin/audit',
    '/en/admin/users',
    '/en/admin/organizations',
    '/ar/admin/audit',
    '/ar/admin/users',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessibleInBothThemes(page);
  }
  for (const locale of ['en', 'ar'] as const) {
    const m = messages[locale];
    await page.goto(`/${locale}/admin/audit`);
    await page.getByRole('combobox', { name: m.AdminAudit.filters.organization, exact: true }).click();
    await expect(page.getByRole('combobox', { name: m.AdminPickers.searchOrgs })).toBeFocused();
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
    await expectNoViolations(page, 'light');
    await expectNoViolations(page, 'dark');
    await page.screenshot({ path: `/tmp/pickers/audit-org-picker-${locale}-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await page.setViewportSize(PHONE);
  await page.goto('/ar/admin/audit');
  await expectNoHorizontalOverflow(page, 'Arabic audit log at 390 px');
  await page.screenshot({ path: '/tmp/pickers/audit-ar-390.png', fullPage: true });
});
