import { expect, test } from '@playwright/test';
import { expectNoViolations } from './support/a11y';
import { createVerifiedUser, signInContext, type TestUser } from './support/identity';

const publicPages = [
  '/en/sign-in',
  '/ar/sign-in',
  '/en/sign-up',
  '/ar/sign-up',
  '/en/forgot-password',
  '/en/reset-password',
  '/en/verify-email',
  '/en/unlock',
  '/en/invitation',
];
const appPages = [
  '/en/dashboard',
  '/en/settings/profile',
  '/en/settings/security',
  '/ar/settings/security',
  '/en/org/new',
  '/en/org/settings/general',
  '/en/org/settings/members',
  '/en/org/settings/invitations',
  '/en/org/settings/danger',
  '/ar/org/settings/members',
];

let user: TestUser;
test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  user = await createVerifiedUser(request, 'a11y');
  await request.dispose();
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const path of publicPages) {
    test(`${path} has no axe violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page, colorScheme);
    });
  }

  for (const path of appPages) {
    test(`${path} (signed in) has no axe violations (${colorScheme})`, async ({ page }) => {
      await signInContext(page, user);
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page, colorScheme);
    });
  }
}
