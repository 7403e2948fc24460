import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectNoViolations } from './support/a11y';
import { promoteToAdmin } from './support/admin';
import { createVerifiedUser, signInContext, type TestUser } from './support/identity';
import { messages, type TestLocale } from './support/messages';
import {
  createTeamOrg,
  DESKTOP,
  drawer,
  expectNoHorizontalOverflow,
  inlineEdges,
  openDrawerWithKeyboard,
  PHONE,
  sidebar,
} from './support/shell';

const en = messages.en;

/** Every page the shell leads to, per section: test id of the link, path, the page's h1. */
function destinations(locale: TestLocale, admin: boolean) {
  const m = messages[locale];
  const pages = [
    { testId: 'nav-dashboard', path: '/dashboard', heading: null },
    { testId: 'org-nav-files', path: '/org/files', heading: m.Files.title },
    { testId: 'org-nav-general', path: '/org/settings/general', heading: m.OrgSettings.nav.general },
    { testId: 'org-nav-members', path: '/org/settings/members', heading: m.OrgSettings.nav.members },
    {
      testId: 'org-nav-invitations',
      path: '/org/settings/invitations',
      heading: m.OrgSettings.nav.invitations,
    },
    { testId: 'org-nav-apiKeys', path: '/org/settings/api-keys', heading: m.ApiKeys.title },
    { testId: 'org-nav-webhooks', path: '/org/settings/webhooks', heading: m.Webhooks.title },
    { testId: 'org-nav-danger', path: '/org/settings/danger', heading: m.OrgSettings.nav.danger },
    { testId: 'settings-nav-profile', path: '/settings/profile', heading: m.Profile.title },
    { testId: 'settings-nav-security', path: '/settings/security', heading: m.Security.title },
  ];
  const adminPages = [
    { testId: 'admin-nav-overview', path: '/admin/overview', heading: m.AdminOverview.title },
    { testId: 'admin-nav-users', path: '/admin/users', heading: m.AdminUsers.title },
    { testId: 'admin-nav-organizations', path: '/admin/organizations', heading: m.AdminOrgs.title },
    { testId: 'admin-nav-flags', path: '/admin/flags', heading: m.AdminFlags.title },
    { testId: 'admin-nav-audit', path: '/admin/audit', heading: m.AdminAudit.title },
    { testId: 'admin-nav-jobs', path: '/admin/jobs', heading: m.AdminJobs.title },
  ];
  return admin ? [...pages, ...adminPages] : pages;
}

type Destination = ReturnType<typeof destinations>[number];

async function signedIn(page: Page, tag: string, { admin = false } = {}): Promise<TestUser> {
  const user = await createVerifiedUser(page.request, tag);
  if (admin) await promoteToAdmin(user.email);
  await signInContext(page, user);
  return user;
}

async function expectArrived(page: Page, locale: TestLocale, d: Destination, nav: Locator): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/${locale}${d.path}$`));
  const heading = page.getByRole('heading', { level: 1 });
  if (d.heading) await expect(heading).toHaveText(d.heading);
  else await expect(page.getByTestId('dashboard-title')).toBeVisible();
  await expect(nav.getByTestId(d.testId)).toHaveAttribute('aria-current', 'page');
  // Only the page's own link is marked as the page.
  await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
}

test.describe('on a wide screen (1280 px)', () => {
  test.use({ viewport: DESKTOP });

  test('a user reaches every section from the sidebar; there is no admin section', async ({ page }) => {
    test.setTimeout(120_000);
    await signedIn(page, 'shell-user');
    const orgName = `Northwind Logistics Cooperative ${Date.now().toString(36)}`;
    const orgId = await createTeamOrg(page, orgName);
    await page.goto('/en/dashboard');

    const side = sidebar(page);
    await expect(side).toBeVisible();
    await expect(page.getByTestId('shell-menu')).toBeHidden();
    await expect(side.getByRole('navigation', { name: en.App.shell.navLabel })).toBeVisible();
    await expect(side.getByTestId('nav-admin')).toHaveCount(0);
    await expect(side.getByTestId('nav-section-organization')).toContainText(en.App.nav.organization);
    await expect(side.getByTestId('nav-section-settings')).toContainText(en.App.nav.settings);

    // The switcher has the room for the organization's whole name: not cut, so no title either.
    const name = side.getByTestId('org-switcher-name');
    const cut = () =>
      name.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    await expect(name).toHaveText(orgName);
    expect(await cut()).toBe(false);
    await expect(name).not.toHaveAttribute('title');

    for (const d of destinations('en', false)) {
      await side.getByTestId(d.testId).click();
      await expectArrived(page, 'en', d, side);
    }

    // A name too long even for two lines is cut short, and only then has a title with all of it.
    const longName = `${orgName} International Freight Holdings Group`.slice(0, 80);
    const renamed = await page.request.patch(`/api/v1/orgs/${orgId}`, {
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      data: { name: longName },
    });
    expect(renamed.status(), await renamed.text()).toBe(200);
    await page.reload();
    await expect(name).toHaveText(longName);
    await expect(name).toHaveAttribute('title', longName);
    expect(await cut()).toBe(true);
  });

  test('an admin also has the admin section; a detail page keeps its section marked', async ({ page }) => {
    test.setTimeout(120_000);
    const admin = await signedIn(page, 'shell-admin', { admin: true });
    await createTeamOrg(page, `Contoso ${Date.now().toString(36)}`);
    await page.goto('/en/dashboard');
    const side = sidebar(page);
    await expect(side.getByTestId('nav-admin')).toContainText(en.Admin.title);
    for (const d of destinations('en', true)) {
      await side.getByTestId(d.testId).click();
      await expectArrived(page, 'en', d, side);
    }
    await page.goto(`/en/admin/users?q=${encodeURIComponent(admin.email)}`);
    await page.getByTestId('admin-user-link').first().click();
    await expect(page).toHaveURL(/\/en\/admin\/users\/[0-9a-f-]{36}$/);
    await expect(side.getByTestId('admin-nav-users')).toHaveAttribute('aria-current', 'true');
    await expect(side.locator('[aria-current="page"]')).toHaveCount(0);
  });

  test('the shell passes axe in light and dark, in English and in Arabic', async ({ page }) => {
    test.setTimeout(90_000);
    await signedIn(page, 'shell-axe', { admin: true });
    await page.goto('/en/dashboard');
    await expect(sidebar(page)).toBeVisible();
    await expectNoViolations(page, 'light');
    await expectNoViolations(page, 'dark');
    await page.goto('/ar/admin/users');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    // The sidebar is on the inline-start side: the right in Arabic.
    const edges = await inlineEdges(sidebar(page));
    expect(edges.right).toBe(edges.window);
    await expectNoViolations(page, 'light');
    await expectNoViolations(page, 'dark');
  });

  test('French navigation labels fit on one line', async ({ page }) => {
    await signedIn(page, 'shell-fr', { admin: true });
    await createTeamOrg(page, `Coopérative ${Date.now().toString(36)}`);
    await page.goto('/fr/dashboard');
    const links = sidebar(page).getByRole('navigation').getByRole('link');
    await expect(links).toHaveCount(destinations('fr', true).length);
    const lines = await links.evaluateAll((els) =>
      els.map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return { text: el.textContent, lines: range.getClientRects().length };
      }),
    );
    for (const { text, lines: count } of lines) expect(count, `"${text}"`).toBe(1);
  });
});

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: PHONE });

  test('the menu button opens a drawer that traps focus, closes on Escape and gives focus back', async ({
    page,
  }) => {
    await signedIn(page, 'shell-phone-keys');
    await page.goto('/en/dashboard');
    await expect(sidebar(page)).toBeHidden();
    const menu = page.getByRole('button', { name: en.App.shell.openMenu });
    await expect(menu).toBeVisible();

    // Tab from the top of the page reaches the menu button (after the skip link).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(menu).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = drawer(page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAccessibleName(en.App.shell.menuTitle);
    // It slides in from the inline-start side: the left in English.
    await expect.poll(async () => (await inlineEdges(dialog)).left).toBe(0);

    // Focus stays inside however far one tabs, forwards and backwards.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(menu).toBeFocused();

    // The close button does the same.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: en.App.shell.closeMenu }).press('Enter');
    await expect(dialog).toBeHidden();
    await expect(menu).toBeFocused();
  });

  test('a user reaches every section through the drawer with the keyboard; no admin section', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signedIn(page, 'shell-phone-user');
    const orgName = `Fabrikam ${Date.now().toString(36)}`;
    await createTeamOrg(page, orgName);
    await page.goto('/en/dashboard');

    const first = await openDrawerWithKeyboard(page);
    await expect(first.getByTestId('nav-admin')).toHaveCount(0);
    await expect(first.getByTestId('org-switcher-name')).toHaveText(orgName);
    await page.keyboard.press('Escape');

    for (const d of destinations('en', false)) {
      const dialog = await openDrawerWithKeyboard(page);
      const link = dialog.getByTestId(d.testId);
      await link.focus();
      await page.keyboard.press('Enter');
      // Following a link closes the drawer.
      await expect(dialog).toBeHidden();
      await expect(page).toHaveURL(new RegExp(`/en${d.path}$`));
      if (d.heading) await expect(page.getByRole('heading', { level: 1 })).toHaveText(d.heading);
      const again = await openDrawerWithKeyboard(page);
      await expect(again.getByTestId(d.testId)).toHaveAttribute('aria-current', 'page');
      await page.keyboard.press('Escape');
      await expectNoHorizontalOverflow(page, d.path);
    }
  });

  test('an admin reaches the admin pages through the drawer', async ({ page }) => {
    test.setTimeout(120_000);
    await signedIn(page, 'shell-phone-admin', { admin: true });
    await page.goto('/en/dashboard');
    for (const d of destinations('en', true).filter((x) => x.testId.startsWith('admin-nav'))) {
      const dialog = await openDrawerWithKeyboard(page);
      await expect(dialog.getByTestId('nav-admin')).toContainText(en.Admin.title);
      await dialog.getByTestId(d.testId).focus();
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expect(page).toHaveURL(new RegExp(`/en${d.path}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(d.heading ?? '');
      await expectNoHorizontalOverflow(page, d.path);
    }
  });

  test('the open drawer passes axe in light and dark, and in Arabic slides from the right', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signedIn(page, 'shell-phone-axe', { admin: true });
    await page.goto('/en/dashboard');
    await expectNoViolations(page, 'light');
    await openDrawerWithKeyboard(page);
    await expectNoViolations(page, 'light');
    await expectNoViolations(page, 'dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.goto('/ar/dashboard');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const dialog = await openDrawerWithKeyboard(page);
    await expect(dialog).toHaveAccessibleName(messages.ar.App.shell.menuTitle);
    await expect(dialog.getByTestId('nav-section-settings')).toContainText(messages.ar.App.nav.settings);
    // Wait for the slide-in to end before measuring.
    await expect
      .poll(async () => {
        const edges = await inlineEdges(dialog);
        return edges.window - edges.right;
      })
      .toBe(0);
    await expectNoViolations(page, 'light');
    await expectNoViolations(page, 'dark');
  });
});
