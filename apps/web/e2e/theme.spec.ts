import { expect, test } from '@playwright/test';
import { messages } from './support/messages';

test('the theme toggle switches to dark and the choice survives a reload without a flash', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/en');
  const html = page.locator('html');
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.getByTestId('theme-toggle').click();
  await page.getByRole('menuitemradio', { name: messages.en.Theme.dark }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => localStorage.getItem('theme'))).toBe('dark');

  // Record <html>'s class at the moment the header is parsed, long before hydration: if the theme
  // were applied by React after load, the first paint would be light and this would be ''.
  await page.addInitScript(() => {
    const w = window as unknown as { __themeAtFirstPaint?: string };
    new MutationObserver((_, observer) => {
      if (document.querySelector('header') && w.__themeAtFirstPaint === undefined) {
        w.__themeAtFirstPaint = document.documentElement.className;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  const atFirstPaint = await page.evaluate(
    () => (window as unknown as { __themeAtFirstPaint?: string }).__themeAtFirstPaint,
  );
  expect(atFirstPaint).toMatch(/\bdark\b/);
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(page.locator('body')).toHaveCSS('color-scheme', 'dark');
});
