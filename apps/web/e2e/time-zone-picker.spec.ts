import { expect, type Page, test } from '@playwright/test';
import { expectAccessibleInBothThemes, expectNoViolations } from './support/a11y';
import { createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';
import { DESKTOP, expectNoHorizontalOverflow, PHONE } from './support/shell';

const t = messages.en.Profile;

async function openPicker(page: Page) {
  const field = page.getByLabel(t.timezoneLabel);
  await field.focus();
  await page.keyboard.press('Enter');
  const search = page.getByRole('combobox', { name: t.timezoneSearch });
  await expect(search).toBeFocused();
  return { field, search };
}

for (const [size, viewport] of [
  ['1280 px', DESKTOP],
  ['390 px', PHONE],
] as const) {
  test(`the time zone is picked by keyboard and saved (${size})`, async ({ page, request }) => {
    await page.setViewportSize(viewport);
    const user = await createVerifiedUser(request, `tz-${viewport.width}`);
    await signInContext(page, user);
    await page.goto('/en/settings/profile');

    const { field, search } = await openPicker(page);
    await expectNoHorizontalOverflow(page, `time-zone list at ${size}`);
    // Offsets are searchable; India is listed under its current name, with its offset.
    await search.pressSequentially('+5:30');
    const kolkata = page.getByRole('listbox').getByRole('option', { name: /Kolkata/ });
    await expect(kolkata).toBeVisible();
    await expect(kolkata).toContainText('UTC+05:30');
    await expect(page.getByRole('listbox').getByRole('option', { name: /Calcutta/ })).toHaveCount(0);
    await page.screenshot({ path: `/tmp/pickers/profile-tz-${viewport.width}.png` });

    // The old name still finds it; the arrow keys move through the list, Enter picks.
    await search.fill('');
    await search.pressSequentially('kolk');
    await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
    await search.fill('');
    await search.pressSequentially('Europe/K');
    const highlighted = page.locator('[role="option"][aria-selected="true"]');
    const first = await highlighted.getAttribute('data-value');
    await page.keyboard.press('ArrowDown');
    await expect(highlighted).not.toHaveAttribute('data-value', first ?? '');
    const chosen = await highlighted.getAttribute('data-value');
    expect(chosen).toMatch(/^Europe\/K/);
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('data-value', chosen ?? '');

    // Save from the keyboard too.
    await page.getByRole('button', { name: t.save }).press('Enter');
    await expect(page.getByText(t.saved)).toBeVisible();
    const me = await page.request.get('/api/v1/me');
    expect(((await me.json()) as { timezone: string }).timezone).toBe(chosen);
    await page.reload();
    await expect(page.getByLabel(t.timezoneLabel)).toHaveAttribute('data-value', chosen ?? '');
  });
}

test('Europe/Kyiv is offered and saved under its current name; Escape closes the list', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request, 'tz-kyiv');
  await signInContext(page, user);
  await page.goto('/en/settings/profile');
  const { field, search } = await openPicker(page);
  await search.pressSequentially('Kiev');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('listbox').getByRole('option')).toHaveAttribute('data-value', 'Europe/Kyiv');
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  await expect(field).toBeFocused();
  await openPicker(page);
  await page.getByRole('combobox', { name: t.timezoneSearch }).pressSequentially('Kyiv');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: t.save }).click();
  await expect(page.getByText(t.saved)).toBeVisible();
  const me = await page.request.get('/api/v1/me');
  expect(((await me.json()) as { timezone: string }).timezone).toBe('Europe/Kyiv');
});

test('the profile page and the open time-zone list pass axe in light, dark and Arabic', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request, 'tz-a11y');
  await signInContext(page, user);
  for (const locale of ['en', 'ar'] as const) {
    const m = messages[locale].Profile;
    await page.goto(`/${locale}/settings/profile`);
    await expectAccessibleInBothThemes(page);
    await page.getByLabel(m.timezoneLabel).click();
    await page.getByRole('combobox', { name: m.timezoneSearch }).pressSequentially('Paris');
    await expect(page.getByRole('listbox').getByRole('option', { name: /Paris/ })).toBeVisible();
    await expectNoViolations(page, 'light');
    await expectNoViolations(page, 'dark');
    await page.screenshot({ path: `/tmp/pickers/profile-tz-open-${locale}-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
  }
  await page.setViewportSize(PHONE);
  await page.goto('/ar/settings/profile');
  await page.getByLabel(messages.ar.Profile.timezoneLabel).click();
  await expectNoHorizontalOverflow(page, 'Arabic time-zone list at 390 px');
  await page.screenshot({ path: '/tmp/pickers/profile-tz-open-ar-390.png' });
});
