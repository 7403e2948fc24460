import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { expectNoViolations } from './support/a11y';
import { runnerUrl } from './support/env';
import { createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';
import { DESKTOP, expectNoHorizontalOverflow, PHONE, sidebar } from './support/shell';

const en = messages.en.Webhooks;
const PAGE = '/en/org/settings/webhooks';
// A public address literal: accepted at registration without DNS, unreachable from the sandbox,
// so every delivery to it fails (with its attempt and error in the log).
const HOOK_URL = 'https://93.184.215.14/groundwork-hooks';
const sameOrigin = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

/** Fills an ICU message's simple `{arg}` placeholders, to find text the page renders. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

type Org = { id: string; name: string; role: string };

async function activeOrg(page: Page): Promise<Org> {
  const res = await page.request.get('/api/v1/orgs');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { activeOrganizationId: string | null; organizations: Org[] };
  return (body.organizations.find((o) => o.id === body.activeOrganizationId) ?? body.organizations[0]) as Org;
}

/** An endpoint made through the API, with a test event sent to it; answers its id. */
async function endpointWithDelivery(page: Page, orgId: string): Promise<string> {
  const created = await page.request.post(`/api/v1/orgs/${orgId}/webhooks`, {
    headers: sameOrigin,
    data: { url: HOOK_URL, description: 'Axe receiver', eventTypes: ['member.*', 'user.created'] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { endpoint: { id: string } }).endpoint.id;
  // No body: the content type is left out, or the API would ask for one.
  const sent = await page.request.post(`/api/v1/orgs/${orgId}/webhooks/${id}/test`, {
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(sent.status()).toBe(202);
  return id;
}

/** The delivery log shows `count` rows once the worker got to them (refreshing until then). */
async function waitForDelivery(page: Page, status: string, attempts: string): Promise<void> {
  const row = page.getByTestId('webhook-delivery-row').first();
  await expect(async () => {
    await page.getByTestId('webhook-log-refresh').click();
    await expect(row).toHaveAttribute('data-status', status, { timeout: 1000 });
    await expect(row.getByTestId('webhook-delivery-attempts')).toHaveText(attempts, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
}

for (const viewport of [DESKTOP, PHONE]) {
  test(`an owner adds an endpoint, sees its secret, tests, redelivers, disables it (${viewport.width} px)`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    const user = await createVerifiedUser(request, `webhooks-${viewport.width}`);
    await signInContext(page, user);
    await page.goto(PAGE);
    await expect(page.getByRole('heading', { level: 1, name: en.title })).toBeVisible();
    if (viewport === DESKTOP) await expect(sidebar(page).getByTestId('org-nav-webhooks')).toBeVisible();
    await expect(page.getByTestId('webhooks-empty')).toContainText(en.empty.title);

    // The event catalog lists every type with an example.
    const catalog = page.getByTestId('webhooks-catalog');
    await catalog.locator('summary').first().click();
    await expect(catalog.locator('[data-event-type="member.added"]')).toBeVisible();

    // A private address is refused by the API, on the URL field.
    await expect(page.getByRole('button', { name: en.create.open })).toBeEnabled();
    await page.getByRole('button', { name: en.create.open }).click();
    const dialog = page.getByRole('dialog', { name: en.create.title });
    const url = dialog.getByLabel(en.form.urlLabel);
    await expect(url).toBeFocused();
    // A private address: refused even by the dev stack, which allows only its own loopback receiver.
    await url.fill('http://10.0.0.1/x');
    await dialog.getByRole('checkbox', { name: fill(en.form.allOfFamily, { family: 'member' }) }).check();
    await expect(dialog.locator('[data-filter="member.added"]')).toBeChecked();
    await expect(dialog.locator('[data-filter="member.added"]')).toBeDisabled();
    await dialog.getByRole('checkbox', { name: en.form.allEvents, exact: true }).check();
    await expect(dialog.locator('[data-filter="member.*"]')).toBeDisabled();
    await dialog.getByRole('button', { name: en.create.submit }).click();
    await expect(dialog.getByTestId('field-error-url')).toHaveText(en.form.urlRefused);
    await expect(url).toBeFocused();
    await expect(url).toHaveAttribute('aria-invalid', 'true');

    await url.fill(HOOK_URL);
    await dialog.getByLabel(en.form.descriptionLabel).fill('Billing system');
    await dialog.getByRole('switch', { name: en.form.orderedLabel }).check();
    await dialog.getByRole('button', { name: en.create.submit }).click();
    await expect(dialog).toBeHidden();
    const panel = page.getByTestId('webhook-secret-panel');
    await expect(panel.getByRole('heading', { name: en.secret.createdTitle })).toBeFocused();
    const secret = await panel.getByTestId('webhook-secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    const row = page.getByTestId('webhook-row');
    await expect(row.getByTestId('webhook-url')).toHaveText(HOOK_URL);
    await expect(row.getByTestId('webhook-health')).toHaveText(en.health.healthy);
    await expectNoHorizontalOverflow(page, 'webhooks list');
    await page.screenshot({ path: `/tmp/whui/list-${viewport.width}.png`, fullPage: true });

    // Shown once: gone after "Done" and a reload.
    await panel.getByRole('button', { name: en.secret.done }).click();
    await expect(panel).toBeHidden();
    await page.reload();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // The detail page: reveal gives the same secret, rotation a new one with an overlap.
    await row.getByTestId('webhook-url').click();
    await expect(page.getByRole('heading', { level: 1, name: en.detail.title })).toBeVisible();
    await expect(page.getByTestId('webhook-detail-url')).toHaveText(HOOK_URL);
    await expect(page.getByTestId('webhook-detail-events')).toContainText(en.form.allEvents);
    await page.getByRole('button', { name: en.actions.reveal }).click();
    await expect(panel).toHaveAttribute('data-kind', 'revealed');
    await expect(panel.getByTestId('webhook-secret')).toHaveValue(secret);
    await page.getByRole('button', { name: en.rotate.open }).click();
    const rotate = page.getByRole('alertdialog', { name: en.rotate.title });
    await rotate.getByRole('radio', { name: en.rotate.overlap.hour }).check();
    await rotate.getByRole('button', { name: en.rotate.confirm }).click();
    await expect(panel).toHaveAttribute('data-kind', 'rotated');
    await expect(panel.getByTestId('webhook-secret')).not.toHaveValue(secret);
    await expect(panel.getByTestId('webhook-previous-until')).toBeVisible();
    await panel.getByRole('button', { name: en.secret.done }).click();

    // A test event: it fails (unreachable), with its attempt and error in the log.
    await expect(page.getByTestId('webhook-log-empty')).toBeVisible();
    await page.getByRole('button', { name: en.actions.sendTest }).click();
    await expect(page.getByText(en.toast.testSent)).toBeVisible();
    await waitForDelivery(page, 'failed', '1');
    const delivery = page.getByTestId('webhook-delivery-row').first();
    await expect(delivery.getByRole('rowheader')).toHaveText('webhook.test');
    await delivery.getByTestId('webhook-delivery-open').click();
    const detail = page.getByTestId('webhook-delivery-dialog');
    await expect(detail.getByTestId('webhook-delivery-body')).toContainText('"type": "webhook.test"');
    await expect(detail.getByTestId('webhook-attempt')).toHaveCount(1);
    await expect(detail.getByTestId('webhook-attempt-status')).toHaveText(en.delivery.noResponse);
    await expect(detail.getByTestId('webhook-attempt-error')).toBeVisible();
    await detail.getByText(en.delivery.requestHeaders).click();
    await expect(detail.getByRole('region', { name: en.delivery.requestHeaders })).toContainText(
      'webhook-signature',
    );
    await expectNoHorizontalOverflow(page, 'delivery detail');
    await page.screenshot({ path: `/tmp/whui/delivery-${viewport.width}.png` });

    // Redeliver: a second attempt, failed again.
    await detail.getByRole('button', { name: en.delivery.redeliver }).click();
    await expect(detail).toBeHidden();
    await expect(page.getByText(en.log.redelivered)).toBeVisible();
    await waitForDelivery(page, 'failed', '2');

    // Filters apply on change.
    await page.getByTestId('webhook-log-status').selectOption('succeeded');
    await expect(page.getByTestId('webhook-log-empty')).toBeVisible();
    await page.getByTestId('webhook-log-status').selectOption('failed');
    await expect(page.getByTestId('webhook-delivery-row')).toHaveCount(1);

    // Disable (by a person) and enable again.
    const enabled = page.getByRole('switch', { name: en.detail.enabledLabel });
    // The switch follows the server's answer, so it flips once the change is saved.
    await enabled.click();
    await expect(enabled).not.toBeChecked();
    await expect(page.getByTestId('webhook-detail').getByTestId('webhook-health')).toHaveText(
      en.health.disabled,
    );
    await expect(page.getByTestId('webhook-disabled-reason')).toHaveText(en.disabledReason.manual);
    await enabled.click();
    await expect(enabled).toBeChecked();
    await expect(page.getByTestId('webhook-disabled-reason')).toHaveCount(0);
    await expect(page.getByTestId('webhook-detail').getByTestId('webhook-health')).not.toHaveText(
      en.health.disabled,
    );
    await expectNoHorizontalOverflow(page, 'webhook detail');
    await page.screenshot({ path: `/tmp/whui/detail-${viewport.width}.png`, fullPage: true });
  });
}

test('a member has no Webhooks entry and sees why on the page, and the API agrees', async ({
  page,
  request,
  browser,
}) => {
  const owner = await createVerifiedUser(request, 'webhooks-owner');
  const member = await createVerifiedUser(request, 'webhooks-member');
  const ownerPage = await browser.newPage();
  await signInContext(ownerPage, owner);
  const org = await activeOrg(ownerPage);
  const endpointId = await endpointWithDelivery(ownerPage, org.id);
  await ownerPage.close();
  // Invitations have their own spec: here the membership is written directly.
  const client = new pg.Client({ connectionString: runnerUrl('databaseUrl', 'DATABASE_URL') });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at)
       SELECT gen_random_uuid(), $1, id, 'member', now(), now() FROM users WHERE email = $2`,
      [org.id, member.email],
    );
  } finally {
    await client.end();
  }
  await signInContext(page, member);
  const switched = await page.request.put('/api/v1/me/active-organization', {
    headers: sameOrigin,
    data: { organizationId: org.id },
  });
  expect(switched.status()).toBe(200);

  await page.setViewportSize(DESKTOP);
  await page.goto('/en/org/settings/general');
  await expect(sidebar(page).getByTestId('org-nav-general')).toBeVisible();
  await expect(sidebar(page).getByTestId('org-nav-webhooks')).toHaveCount(0);
  await page.goto(PAGE);
  await expect(page.getByTestId('webhooks-no-access')).toContainText(en.noAccess.title);
  await expect(page.getByRole('button', { name: en.create.open })).toHaveCount(0);
  await page.goto(`${PAGE}/${endpointId}`);
  await expect(page.getByTestId('webhooks-no-access')).toBeVisible();
  await expect(page.getByTestId('webhook-detail')).toHaveCount(0);
  const denied = await page.request.get(`/api/v1/orgs/${org.id}/webhooks`);
  expect(denied.status()).toBe(403);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the webhooks pages have no axe violations (${colorScheme})`, async ({ page, request }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme });
    const user = await createVerifiedUser(request, `a11y-webhooks-${colorScheme}`);
    await signInContext(page, user);
    const org = await activeOrg(page);
    await page.goto(PAGE);
    await expect(page.getByTestId('webhooks-empty')).toBeVisible();
    await page.getByTestId('webhooks-catalog').locator('summary').first().click();
    await page.getByTestId('webhooks-catalog').locator('details summary').first().click();
    await expectNoViolations(page); // empty state, open catalog with an example

    await page.getByRole('button', { name: en.create.open }).click();
    const dialog = page.getByRole('dialog', { name: en.create.title });
    await dialog.getByRole('button', { name: en.create.submit }).click(); // nothing filled in
    await expect(dialog.getByTestId('field-error-url')).toBeVisible();
    await expect(dialog.getByTestId('field-error-eventTypes')).toHaveText(en.form.eventsRequired);
    await expectNoViolations(page); // dialog with field errors
    await page.keyboard.press('Escape');

    const endpointId = await endpointWithDelivery(page, org.id);
    await page.reload();
    await expect(page.getByTestId('webhook-row')).toHaveCount(1);
    await expectNoViolations(page); // list

    await page.goto(`${PAGE}/${endpointId}`);
    await waitForDelivery(page, 'failed', '1');
    await expectNoViolations(page); // detail and log
    await page.getByTestId('webhook-delivery-open').first().click();
    await expect(page.getByTestId('webhook-attempt')).toHaveCount(1);
    await expectNoViolations(page); // delivery dialog
  });
}

test('the Arabic pages are right-to-left with left-to-right URLs and payloads', async ({ page, request }) => {
  test.setTimeout(90_000);
  const user = await createVerifiedUser(request, 'rtl-webhooks');
  await signInContext(page, user);
  const ar = messages.ar.Webhooks;
  const org = await activeOrg(page);
  const endpointId = await endpointWithDelivery(page, org.id);
  await page.goto('/ar/org/settings/webhooks');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: ar.title })).toBeVisible();
  await expect(page.getByTestId('webhook-url')).toHaveAttribute('dir', 'ltr');
  await expectNoViolations(page);
  await page.screenshot({ path: '/tmp/whui/list-ar.png', fullPage: true });

  await page.goto(`/ar/org/settings/webhooks/${endpointId}`);
  await expect(page.getByRole('heading', { level: 1, name: ar.detail.title })).toBeVisible();
  await waitForDelivery(page, 'failed', '1');
  await expectNoViolations(page);
  await page.screenshot({ path: '/tmp/whui/detail-ar.png', fullPage: true });
});
