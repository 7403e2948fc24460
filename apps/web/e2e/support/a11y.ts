import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe on the page as it is. With `colorScheme`, the page is first switched to that theme (the
 * app follows the system theme), so contrast is checked in the theme that was asked for.
 */
export async function expectNoViolations(page: Page, colorScheme?: 'light' | 'dark'): Promise<void> {
  if (colorScheme) {
    await page.emulateMedia({ colorScheme });
    const html = page.locator('html');
    if (colorScheme === 'dark') await expect(html).toHaveClass(/\bdark\b/);
    else await expect(html).not.toHaveClass(/\bdark\b/);
  }
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })),
    `axe${colorScheme ? ` (${colorScheme})` : ''}`,
  ).toEqual([]);
}

/** axe in the light theme, then the dark one, then back to light for what the test does next. */
export async function expectAccessibleInBothThemes(page: Page): Promise<void> {
  await expectNoViolations(page, 'light');
  await expectNoViolations(page, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
}
