import { expect, test } from '@playwright/test';
import { messages } from './support/messages';

test('the language switcher changes locale, direction and copy, and remembers the choice', async ({
  page,
}) => {
  await page.goto('/en/status');
  await page.getByTestId('language-switcher').click();
  await page.getByRole('menuitem', { name: messages.fr.Language.fr }).click();
  await expect(page).toHaveURL(/\/fr\/status$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages.fr.Status.title);

  await page.getByTestId('language-switcher').click();
  await page.getByRole('menuitem', { name: messages.ar.Language.ar }).click();
  await expect(page).toHaveURL(/\/ar\/status$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages.ar.Status.title);

  // The proxy stores the choice in NEXT_LOCALE, so the bare domain now opens Arabic.
  await page.goto('/');
  await expect(page).toHaveURL(/\/ar$/);
});
