import { expect, type Page, test } from '@playwright/test';
import { expectAccessibleInBothThemes, expectNoViolations } from './support/a11y';
import { createVerifiedUser, signInContext, signInThroughUi } from './support/identity';
import { messages } from './support/messages';

const { fr, ar } = messages;

/** The profile's saved language, straight from the API. */
async function savedLocale(page: Page): Promise<string> {
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(200);
  return ((await me.json()) as { locale: string }).locale;
}

async function chooseInHeader(page: Page, language: string) {
  await page.getByTestId('language-switcher').click();
  await page.getByRole('menuitem', { name: language }).click();
}

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 720 } });

    test('the header switcher and the profile language are one preference, kept across sign-in', async ({
      page,
      browser,
      request,
    }) => {
      test.setTimeout(120_000);
      const user = await createVerifiedUser(request, `lang-${width}`);
      await signInContext(page, user);
      await page.goto('/en/settings/profile');

      // Header → profile: the switch saves the profile, and the profile shows it after a reload.
      await chooseInHeader(page, fr.Language.fr);
      await expect(page).toHaveURL(/\/fr\/settings\/profile$/);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      expect(await savedLocale(page)).toBe('fr');
      await page.reload();
      await expect(page.getByLabel(fr.Profile.localeLabel)).toHaveValue('fr');
      await expectAccessibleInBothThemes(page);

      // Profile → UI: saving another language switches the interface to it.
      await page.getByLabel(fr.Profile.localeLabel).selectOption('ar');
      await page.getByRole('button', { name: fr.Profile.save }).click();
      await expect(page).toHaveURL(/\/ar\/settings\/profile$/);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByTestId('language-switcher')).toContainText(ar.Language.ar);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.Profile.title);
      expect(await savedLocale(page)).toBe('ar');
      await expectNoViolations(page);

      // Sign out, then in again from another browser that asks for English: the saved language wins.
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: ar.App.signOut }).click();
      await expect(page).toHaveURL(/\/ar\/sign-in$/);
      const other = await browser.newContext({ locale: 'en-US', viewport: { width, height: 800 } });
      const fresh = await other.newPage();
      await signInThroughUi(fresh, user, '/en/sign-in');
      await expect(fresh).toHaveURL(/\/ar\/dashboard$/);
      await expect(fresh.locator('html')).toHaveAttribute('lang', 'ar');
      await other.close();
    });

    test('when saving fails the language still switches and a toast says it was not saved', async ({
      page,
      request,
    }) => {
      const user = await createVerifiedUser(request, `lang-fail-${width}`);
      await signInContext(page, user);
      await page.goto('/en/dashboard');
      await page.route('**/api/v1/me', (route) =>
        route.request().method() === 'PATCH'
          ? route.fulfill({
              status: 503,
              contentType: 'application/problem+json',
              body: JSON.stringify({
                type: 'about:blank',
                title: 'Unavailable',
                status: 503,
                code: 'unavailable',
              }),
            })
          : route.fallback(),
      );
      await chooseInHeader(page, fr.Language.fr);
      await expect(page).toHaveURL(/\/fr\/dashboard$/);
      await expect(page.getByText(fr.Language.saveFailed)).toBeVisible();
      await page.unroute('**/api/v1/me');
      expect(await savedLocale(page)).toBe('en');
      await expectNoViolations(page);
    });
  });
}

test('anonymous visitors switch by link without touching any profile', async ({ page }) => {
  const patches: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH') patches.push(r.url());
  });
  await page.goto('/en/sign-in');
  await chooseInHeader(page, fr.Language.fr);
  await expect(page).toHaveURL(/\/fr\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.Auth.signIn.title);
  expect(patches).toEqual([]);
});
