import { expect, type Page, test } from '@playwright/test';
import { messages } from './support/messages';

const ar = messages.ar;

/** In RTL the heading and labels hug the right edge of their card, and inputs read LTR emails. */
async function expectRightToLeft(page: Page, heading: string) {
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  const h1 = page.getByRole('heading', { level: 1, name: heading });
  await expect(h1).toBeVisible();
  // The heading is a full-width block; what matters is where its text sits.
  const box = await h1.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const block = el.getBoundingClientRect();
    return { leftGap: text.left - block.left, rightGap: block.right - text.right };
  });
  expect(box.rightGap).toBeLessThan(1);
  expect(box.leftGap).toBeGreaterThan(10);
  expect(await h1.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

  const email = page.getByLabel(ar.Auth.common.emailLabel);
  await expect(email).toHaveAttribute('dir', 'ltr');
  const label = page.locator('label', { hasText: ar.Auth.common.emailLabel });
  const [labelBox, inputBox] = [await label.boundingBox(), await email.boundingBox()];
  if (!labelBox || !inputBox) throw new Error('layout boxes missing');
  // The label starts at the input's right edge (the start side in RTL).
  expect(Math.abs(labelBox.x + labelBox.width - (inputBox.x + inputBox.width))).toBeLessThan(2);
}

test('the Arabic sign-in page renders right-to-left', async ({ page }) => {
  await page.goto('/ar/sign-in');
  await expectRightToLeft(page, ar.Auth.signIn.title);
  await expect(page.getByRole('button', { name: ar.Auth.signIn.submit })).toBeVisible();
});

test('the Arabic sign-up page renders right-to-left and validates in Arabic', async ({ page }) => {
  await page.goto('/ar/sign-up');
  await expectRightToLeft(page, ar.Auth.signUp.title);
  await page.getByRole('button', { name: ar.Auth.signUp.submit }).click();
  await expect(page.getByTestId('field-error-email')).toHaveText(ar.Fields.email);
  await expect(page.getByTestId('field-error-password')).toHaveText(
    ar.Fields.tooShort.replace('{min}', '12'),
  );
});
