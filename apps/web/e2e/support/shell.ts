import { expect, type Locator, type Page } from '@playwright/test';

/** The phone the narrow-screen checks use (an iPhone 12–15 in CSS pixels). */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

const sameOrigin = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

/** A team organization of the signed-in user, made active (so every organization page is listed). */
export async function createTeamOrg(page: Page, name: string): Promise<string> {
  const created = await page.request.post('/api/v1/orgs', { headers: sameOrigin, data: { name } });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const active = await page.request.put('/api/v1/me/active-organization', {
    headers: sameOrigin,
    data: { organizationId: id },
  });
  expect(active.status()).toBe(200);
  return id;
}

/** The sidebar (wide screens). */
export const sidebar = (page: Page): Locator => page.getByTestId('shell-sidebar');

/** The drawer (narrow screens), once open. */
export const drawer = (page: Page): Locator => page.getByRole('dialog');

/**
 * Opens the drawer from the keyboard: focus on the menu button, Enter. Checks that focus moved
 * into the drawer.
 */
export async function openDrawerWithKeyboard(page: Page): Promise<Locator> {
  const menu = page.getByTestId('shell-menu');
  await menu.focus();
  await page.keyboard.press('Enter');
  const dialog = drawer(page);
  await expect(dialog).toBeVisible();
  await expect
    .poll(() => dialog.evaluate((el) => el.contains(document.activeElement)), { message: 'focus in drawer' })
    .toBe(true);
  return dialog;
}

/** No sideways scrolling: the page is no wider than the window. */
export async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(
    scrollWidth,
    `${what}: document ${scrollWidth}px wide in a ${innerWidth}px window`,
  ).toBeLessThanOrEqual(innerWidth);
}

/**
 * Where `locator` sits across the window: its left and right edges, and the width of the window
 * without its scrollbar (what `start-0` / `end-0` are measured against).
 */
export async function inlineEdges(
  locator: Locator,
): Promise<{ left: number; right: number; window: number }> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return {
      left: Math.round(box.left),
      right: Math.round(box.right),
      window: document.documentElement.clientWidth,
    };
  });
}
