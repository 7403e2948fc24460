import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { promoteToAdmin } from './support/admin';
import { createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;
const sameOrigin = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

/** A boolean flag that is off everywhere except for `userId` (other specs' users never see it). */
const onlyFor = (key: string, userId: string, killSwitch = false) => ({
  key,
  kind: 'boolean',
  variants: [{ name: 'off' }, { name: 'on' }],
  defaults: { development: 'off', test: 'off', production: 'off' },
  killSwitch,
  rules: [
    { id: 'e2e', conditions: [{ attribute: 'userId', operator: 'in', values: [userId] }], variant: 'on' },
  ],
});

/** Creates the flag, or replaces it when another run left it behind. */
async function putFlag(request: APIRequestContext, definition: { key: string; rules: unknown[] }) {
  const created = await request.post('/api/v1/admin/flags', { headers: sameOrigin, data: definition });
  if (created.status() === 409) {
    const replaced = await request.put(`/api/v1/admin/flags/${definition.key}`, {
      headers: sameOrigin,
      data: definition,
    });
    expect(replaced.status()).toBe(200);
  } else {
    expect(created.status()).toBe(201);
  }
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
}

test('feature flags gate the dashboard activity card and the profile Beta section', async ({ page }) => {
  const admin = await createVerifiedUser(page.request, 'flags');
  await promoteToAdmin(admin.email);
  await signInContext(page, admin);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { id: string };

  // Off: neither shows.
  await putFlag(page.request, { ...onlyFor('dashboard.activity-card', me.id), rules: [] });
  await putFlag(page.request, { ...onlyFor('settings.compact-tables', me.id), rules: [] });
  await page.goto('/en/dashboard');
  await expect(page.getByTestId('dashboard-title')).toBeVisible();
  await expect(page.getByTestId('recent-activity-card')).toHaveCount(0);

  // On for this user: the card lists the sign-in.
  await putFlag(page.request, onlyFor('dashboard.activity-card', me.id));
  await putFlag(page.request, onlyFor('settings.compact-tables', me.id));
  await page.goto('/en/dashboard');
  const card = page.getByTestId('recent-activity-card');
  await expect(card.getByRole('heading', { name: en.Flags.activity.title })).toBeVisible();
  await expect(card.getByRole('table')).toContainText(en.Security.activity.actions.auth_sign_in);
  await expectNoViolations(page);

  // The Beta section: the toggle is stored in this browser and tightens tables.
  await page.goto('/en/settings/profile');
  const beta = page.getByTestId('beta-section');
  await expect(beta.getByRole('heading', { name: en.Flags.beta.title })).toBeVisible();
  const toggle = beta.getByRole('switch', { name: en.Flags.beta.compactTables });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');
  await expectNoViolations(page);
  await page.reload();
  await expect(page.getByTestId('beta-section').getByRole('switch')).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');

  // Kill switch: gone on the next render, and the stored preference no longer applies.
  await putFlag(page.request, onlyFor('settings.compact-tables', me.id, true));
  await putFlag(page.request, onlyFor('dashboard.activity-card', me.id, true));
  await page.reload();
  await expect(page.getByRole('heading', { name: en.Profile.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('beta-section')).toHaveCount(0);
  await expect(page.locator('html')).not.toHaveAttribute('data-density', 'compact');
  await page.goto('/en/dashboard');
  await expect(page.getByTestId('dashboard-title')).toBeVisible();
  await expect(page.getByTestId('recent-activity-card')).toHaveCount(0);
});
