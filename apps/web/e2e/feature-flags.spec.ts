import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { expectAccessibleInBothThemes, expectNoViolations } from './support/a11y';
import { promoteToAdmin } from './support/admin';
import { createVerifiedUser, signInContext, type TestUser } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;
const ar = messages.ar;
const t = en.AdminFlags;
const sameOrigin = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
const ACTIVITY_CARD = 'dashboard.activity-card';
const COMPACT_TABLES = 'settings.compact-tables';

async function signInAsAdmin(page: Page, tag: string): Promise<TestUser> {
  const admin = await createVerifiedUser(page.request, tag);
  await promoteToAdmin(admin.email);
  await signInContext(page, admin);
  return admin;
}

async function idOf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get('/api/v1/me')).json()) as { id: string }).id;
}

/**
 * A demo flag as it is now, to put back afterwards (the stack is shared; no other spec reads the
 * demo flags, and each test here touches only one); created off everywhere when not seeded.
 */
async function snapshotFlag(request: APIRequestContext, key: string): Promise<() => Promise<void>> {
  const current = await request.get(`/api/v1/admin/flags/${key}`);
  if (current.status() === 404) {
    const created = await request.post('/api/v1/admin/flags', {
      headers: sameOrigin,
      data: {
        key,
        kind: 'boolean',
        variants: [{ name: 'off' }, { name: 'on' }],
        defaults: { development: 'off', test: 'off', production: 'off' },
      },
    });
    expect(created.status()).toBe(201);
    return async () => {
      await request.delete(`/api/v1/admin/flags/${key}`, { headers: sameOrigin });
    };
  }
  expect(current.status()).toBe(200);
  const { definition } = (await current.json()) as { definition: unknown };
  return async () => {
    const restored = await request.put(`/api/v1/admin/flags/${key}`, {
      headers: sameOrigin,
      data: definition,
    });
    expect(restored.status()).toBe(200);
  };
}

/** On the flag's page: a last rule serving `on` to one user id, saved. */
async function addUserRule(page: Page, key: string, ruleId: string, userId: string) {
  await page.goto(`/en/admin/flags/edit?key=${key}`);
  await expect(page.getByRole('heading', { level: 1, name: key })).toBeVisible();
  await page.getByTestId('flag-add-rule').click();
  const rule = page.getByTestId('flag-rule').last();
  await rule.getByLabel(t.rules.id, { exact: true }).fill(ruleId);
  await rule.getByLabel(t.rules.attribute).selectOption('userId');
  await rule.getByLabel(t.rules.values, { exact: true }).fill(userId);
  await rule.getByLabel(t.rules.variant, { exact: true }).selectOption('on');
  await page.getByTestId('flag-save').click();
  await expect(page.getByTestId('flag-save-status')).toHaveText(t.saved);
}

/** Reloads until the target's gated UI agrees (the flag runtime reloads within a second). */
async function expectAfterReload(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 10_000, intervals: [250, 500, 1000] });
}

test('an admin targets a user in the flags UI and that user’s dashboard card appears, then goes', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page, 'flags-admin');
  const restore = await snapshotFlag(page.request, ACTIVITY_CARD);

  // The target user, in a browser of their own.
  const targetContext = await browser.newContext();
  const target = await targetContext.newPage();
  const targetUser = await createVerifiedUser(target.request, 'flags-target');
  await signInContext(target, targetUser);
  const targetId = await idOf(target.request);
  const ruleId = `e2e-${randomUUID().slice(0, 8)}`;

  try {
    await target.goto('/en/dashboard');
    await expect(target.getByTestId('dashboard-title')).toBeVisible();
    await expect(target.getByTestId('recent-activity-card')).toHaveCount(0);

    // The admin finds the flag in the list and adds a rule for that user's id.
    await page.goto('/en/admin/flags');
    await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
    await expect(page.getByTestId('admin-nav-flags')).toHaveAttribute('aria-current', 'page');
    await page.getByLabel(t.searchLabel).fill('activity');
    const row = page.getByTestId('flag-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-key', ACTIVITY_CARD);
    await row.getByRole('link', { name: ACTIVITY_CARD }).click();
    await expect(page.getByRole('heading', { level: 1, name: ACTIVITY_CARD })).toBeVisible();

    await addUserRule(page, ACTIVITY_CARD, ruleId, targetId);

    // The target's own browser shows the card on a reload.
    await expectAfterReload(target, () => expect(target.getByTestId('recent-activity-card')).toBeVisible());
    const card = target.getByTestId('recent-activity-card');
    await expect(card.getByRole('heading', { name: en.Flags.activity.title })).toBeVisible();
    await expect(card.getByRole('table')).toContainText(en.Security.activity.actions.auth_sign_in);

    // The explainer agrees, looked up by email.
    await page.getByLabel(t.evaluation.user).fill(targetUser.email);
    await page.getByTestId('flag-evaluate').click();
    const result = page.getByTestId('flag-evaluation');
    await expect(result).toHaveAttribute('data-variant', 'on');
    await expect(result).toHaveAttribute('data-reason', 'rule');
    await expect(page.getByTestId('flag-evaluation-reason')).toHaveText(
      t.evaluation.reasons.rule.replace('{rule}', ruleId),
    );

    // Removing the rule in the UI turns the card off again for them.
    await page
      .getByTestId('flag-rule')
      .and(page.locator(`[data-rule-id="${ruleId}"]`))
      .getByTestId('flag-rule-remove')
      .click();
    await expect(page.locator(`[data-rule-id="${ruleId}"]`)).toHaveCount(0);
    await page.getByTestId('flag-save').click();
    await expect(page.getByTestId('flag-save-status')).toHaveText(t.saved);
    await expectAfterReload(target, () => expect(target.getByTestId('recent-activity-card')).toHaveCount(0));
  } finally {
    await restore();
    await targetContext.close();
  }
});

test('an admin creates a flag with rules, reorders them, checks who gets what, kills it and deletes it', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // Signed out still: a signed-in browser cannot sign up.
  const someone = await createVerifiedUser(page.request, 'flags-someone');
  const admin = await signInAsAdmin(page, 'flags-editor');
  const adminId = await idOf(page.request);
  const someoneId = await (async () => {
    const found = await page.request.get(`/api/v1/admin/users?q=${encodeURIComponent(someone.email)}`);
    const { users } = (await found.json()) as { users: { id: string; email: string }[] };
    return users.find((u) => u.email === someone.email)?.id as string;
  })();
  expect(someoneId).toBeTruthy();
  const key = `e2e.flags-${randomUUID().slice(0, 8)}`;

  await page.goto('/en/admin/flags');
  await expectAccessibleInBothThemes(page);
  await page.getByRole('link', { name: t.new }).click();
  await expect(page.getByRole('heading', { level: 1, name: t.newTitle })).toBeVisible();

  // The key is checked like the API does, before anything is sent.
  await page.getByLabel(t.form.key, { exact: true }).fill('Not A Key');
  await page.getByTestId('flag-save').click();
  await expect(page.getByTestId('flag-errors')).toContainText(t.errors.invalid);
  await expect(page.getByLabel(t.form.key, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel(t.form.key, { exact: true }).fill(key);

  // Multivariate: off / on / beta (with a value), served to `someone` by a rule.
  await page.getByLabel(t.form.kinds.multivariate).check();
  await page.getByTestId('flag-add-variant').click();
  await page.getByLabel(t.form.variantName.replace('{position}', '3')).fill('beta');
  await page.getByLabel(t.form.variantValue.replace('{position}', '3')).fill('Try it');
  await page.getByTestId('flag-add-rule').click();
  const first = page.getByTestId('flag-rule').first();
  await expect(first).toHaveAttribute('data-rule-id', 'rule-1');
  await first.getByLabel(t.rules.values, { exact: true }).fill(someoneId);
  await first.getByLabel(t.rules.variant, { exact: true }).selectOption('beta');

  // A rollout that does not add up: the total warns, and the API's 400 lands next to the weights.
  await page.getByTestId('flag-rollout-enabled').check();
  await page.getByTestId('rollout-weight-off').fill('50');
  await page.getByTestId('rollout-weight-on').fill('40');
  await expect(page.getByTestId('rollout-fields').last()).toContainText(
    t.rollout.totalOff.replace('{total}', '90'),
  );
  await page.getByTestId('flag-save').click();
  const errors = page.getByTestId('flag-errors');
  await expect(errors).toContainText(en.Errors.validation_failed);
  await expect(errors).toContainText('rollout.weights');
  await expect(page.getByTestId('rollout-fields').last().getByTestId('flag-field-issue')).toContainText(
    'sum to 100',
  );
  await expect(page.getByTestId('rollout-weight-on')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
  await page.getByTestId('rollout-weight-on').fill('50');
  await page.getByTestId('flag-save').click();

  await expect(page).toHaveURL(`/en/admin/flags/edit?key=${key}`);
  await expect(page.getByRole('heading', { level: 1, name: key })).toBeVisible();
  await expect(page.getByTestId('flag-variant')).toHaveCount(3);
  await expect(page.getByLabel(t.form.variantValue.replace('{position}', '3'))).toHaveValue('Try it');

  // Who gets what: `someone` by the rule, the admin by the 50/50 rollout.
  const check = async (who: string) => {
    await page.getByLabel(t.evaluation.user).fill(who);
    await page.getByTestId('flag-evaluate').click();
  };
  const result = page.getByTestId('flag-evaluation');
  await check(someone.email);
  await expect(result).toHaveAttribute('data-variant', 'beta');
  await expect(result).toContainText('"Try it"');
  await expect(page.getByTestId('flag-evaluation-reason')).toHaveText(
    t.evaluation.reasons.rule.replace('{rule}', 'rule-1'),
  );
  await check(adminId);
  await expect(result).toHaveAttribute('data-reason', 'rollout');
  await expect(result).toContainText(admin.email);

  // A second rule for admins, moved above the first with the keyboard: it now decides for the admin.
  await page.getByTestId('flag-add-rule').click();
  const second = page.getByTestId('flag-rule').nth(1);
  await expect(second).toHaveAttribute('data-rule-id', 'rule-2');
  await second.getByLabel(t.rules.attribute).selectOption('role');
  await second.getByLabel(t.rules.values, { exact: true }).fill('admin');
  await second.getByLabel(t.rules.variant, { exact: true }).selectOption('on');
  await second.getByRole('button', { name: t.rules.moveUp.replace('{position}', '2') }).focus();
  await page.keyboard.press('Enter');
  expect(
    await page.getByTestId('flag-rule').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule-id'))),
  ).toEqual(['rule-2', 'rule-1']);
  // Focus stays on the moved rule (its "down" button: "up" is disabled at the top).
  await expect(page.getByRole('button', { name: t.rules.moveDown.replace('{position}', '1') })).toBeFocused();
  await page.getByTestId('flag-save').click();
  await expect(page.getByTestId('flag-save-status')).toHaveText(t.saved);
  await check(admin.email);
  await expect(result).toHaveAttribute('data-variant', 'on');
  await expect(page.getByTestId('flag-evaluation-reason')).toHaveText(
    t.evaluation.reasons.rule.replace('{rule}', 'rule-2'),
  );
  await expectAccessibleInBothThemes(page);

  // Someone else changes the flag meanwhile: the editor does not overwrite it without asking.
  const before = (await (await page.request.get(`/api/v1/admin/flags/${key}`)).json()) as {
    definition: Record<string, unknown>;
  };
  const elsewhere = await page.request.put(`/api/v1/admin/flags/${key}`, {
    headers: sameOrigin,
    data: { ...before.definition, description: 'Changed elsewhere' },
  });
  expect(elsewhere.status()).toBe(200);
  await page.getByLabel(t.form.description).fill('Mine');
  await page.getByTestId('flag-save').click();
  await expect(page.getByTestId('flag-conflict')).toContainText(t.errors.changedMeanwhile);
  await page.getByRole('button', { name: t.overwrite }).click();
  await expect(page.getByTestId('flag-save-status')).toHaveText(t.saved);

  // Kill switch, after a confirmation: everyone gets the off variant.
  await page.getByTestId('flag-kill-switch-toggle').click();
  const confirmKill = page.getByRole('alertdialog', { name: t.killSwitch.confirmKillTitle });
  await confirmKill.getByRole('button', { name: t.killSwitch.kill }).click();
  await expect(page.getByTestId('flag-kill-switch')).toHaveAttribute('data-killed', 'true');
  await expect(page.getByTestId('flag-kill-switch-state')).toHaveText(t.killSwitch.on);
  await check(someone.email);
  await expect(result).toHaveAttribute('data-variant', 'off');
  await expect(page.getByTestId('flag-evaluation-reason')).toHaveText(t.evaluation.reasons.kill_switch);

  // A later save from the editor keeps the kill switch (the editor adopted it).
  await page.getByLabel(t.form.description).fill('Killed in e2e');
  await page.getByTestId('flag-save').click();
  await expect(page.getByTestId('flag-save-status')).toHaveText(t.saved);
  const stored = await page.request.get(`/api/v1/admin/flags/${key}`);
  expect(((await stored.json()) as { definition: { killSwitch: boolean } }).definition.killSwitch).toBe(true);

  // The list shows it killed, with its rules and rollout.
  await page.goto('/en/admin/flags');
  await page.getByLabel(t.searchLabel).fill(key);
  const row = page.getByTestId('flag-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('flag-row-state')).toHaveText(t.state.killed);
  await expect(row).toContainText(t.byYou);

  // Arabic: right-to-left, translated, still accessible.
  await page.goto(`/ar/admin/flags/edit?key=${key}`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 2, name: ar.AdminFlags.sections.rules })).toBeVisible();
  const ruleBox = await page.getByTestId('flag-rule').first().boundingBox();
  const legendBox = await page.getByTestId('flag-rule').first().locator(':scope > legend').boundingBox();
  if (!ruleBox || !legendBox) throw new Error('layout boxes missing');
  // The legend sits at the start (right) edge of its fieldset.
  expect(ruleBox.x + ruleBox.width - (legendBox.x + legendBox.width)).toBeLessThan(40);
  expect(legendBox.x - ruleBox.x).toBeGreaterThan(40);
  await expectNoViolations(page);

  // Delete, after a confirmation: back to the list, gone.
  await page.goto(`/en/admin/flags/edit?key=${key}`);
  await page.getByTestId('flag-delete').click();
  await page
    .getByRole('alertdialog', { name: t.delete.confirmTitle })
    .getByRole('button', { name: t.delete.action })
    .click();
  await expect(page).toHaveURL(/\/en\/admin\/flags$/);
  await page.getByLabel(t.searchLabel).fill(key);
  await expect(page.getByTestId('flag-row')).toHaveCount(0);
  expect((await page.request.get(`/api/v1/admin/flags/${key}`)).status()).toBe(404);
});

test('the kill switch in the UI hides the profile Beta section and drops its stored preference', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page, 'flags-beta');
  const restore = await snapshotFlag(page.request, COMPACT_TABLES);
  const me = await idOf(page.request);
  try {
    await page.goto('/en/settings/profile');
    await expect(page.getByRole('heading', { name: en.Profile.title, level: 1 })).toBeVisible();
    await expect(page.getByTestId('beta-section')).toHaveCount(0);

    await addUserRule(page, COMPACT_TABLES, `e2e-${randomUUID().slice(0, 8)}`, me);
    await page.goto('/en/settings/profile');
    const beta = page.getByTestId('beta-section');
    await expect(beta.getByRole('heading', { name: en.Flags.beta.title })).toBeVisible();
    await beta.getByRole('switch', { name: en.Flags.beta.compactTables }).check();
    await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');
    await expectNoViolations(page);

    await page.goto(`/en/admin/flags/edit?key=${COMPACT_TABLES}`);
    await page.getByTestId('flag-kill-switch-toggle').click();
    await page
      .getByRole('alertdialog', { name: t.killSwitch.confirmKillTitle })
      .getByRole('button', { name: t.killSwitch.kill })
      .click();
    await expect(page.getByTestId('flag-kill-switch-state')).toHaveText(t.killSwitch.on);

    await page.goto('/en/settings/profile');
    await expectAfterReload(page, () => expect(page.getByTestId('beta-section')).toHaveCount(0));
    await expect(page.locator('html')).not.toHaveAttribute('data-density', 'compact');
  } finally {
    await restore();
  }
});
