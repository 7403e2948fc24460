import { expect, type Locator, type Page, test } from '@playwright/test';
import pg from 'pg';
import { expectNoViolations } from './support/a11y';
import { runnerUrl } from './support/env';
import { ageAuthentication, createVerifiedUser, signInContext, type TestUser } from './support/identity';
import { messages } from './support/messages';

const en = messages.en.ApiKeys;
const PAGE = '/en/org/settings/api-keys';
const KEY_PATTERN = /^gwk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/;

/** Fills an ICU message's simple `{arg}` placeholders, to find text the page renders. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

type Org = { id: string; name: string; role: string };

/** The personal organization every user gets at sign-up (the page works on the active one). */
async function personalOrg(page: Page): Promise<Org> {
  const res = await page.request.get('/api/v1/orgs');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { activeOrganizationId: string | null; organizations: Org[] };
  const org = body.organizations.find((o) => o.id === body.activeOrganizationId) ?? body.organizations[0];
  expect(org?.role).toBe('owner');
  return org as Org;
}

/** Answers the password prompt when the API asked for sudo; a no-op when it did not. */
async function passSudoIfAsked(page: Page, user: TestUser, next: Locator): Promise<void> {
  const reauth = page.getByRole('dialog', { name: messages.en.Reauth.title });
  await expect(next.or(reauth).first()).toBeVisible();
  if (await reauth.isVisible()) {
    await reauth.getByLabel(messages.en.Reauth.passwordLabel, { exact: true }).fill(user.password);
    await reauth.getByRole('button', { name: messages.en.Reauth.submit }).click();
    await expect(reauth).toBeHidden();
  }
}

/** Creates a key through the dialog and returns the secret shown once. */
async function createKeyInUi(
  page: Page,
  user: TestUser,
  name: string,
  options: { membersRead?: boolean; expiry?: string } = {},
): Promise<string> {
  // Enabled once the list has loaded in the browser, i.e. the page is interactive.
  await expect(page.getByRole('button', { name: en.create.open })).toBeEnabled();
  await page.getByRole('button', { name: en.create.open }).click();
  const dialog = page.getByRole('dialog', { name: en.create.title });
  await expect(dialog.getByLabel(en.create.nameLabel)).toBeFocused();
  await dialog.getByLabel(en.create.nameLabel).fill(name);
  const scope = (access: 'read' | 'write', resource: 'organization' | 'members') =>
    dialog.getByRole('checkbox', {
      name: fill(en.create.scopeLabel, { access: en.access[access], resource: en.resources[resource] }),
    });
  // Organization read is ticked by default.
  await expect(scope('read', 'organization')).toBeChecked();
  if (options.membersRead) await scope('read', 'members').check();
  if (options.expiry) await dialog.getByLabel(en.create.expiryLabel).selectOption(options.expiry);
  await dialog.getByRole('button', { name: en.create.submit }).click();
  const reveal = page.getByTestId('api-key-reveal');
  await passSudoIfAsked(page, user, reveal);
  await expect(dialog).toBeHidden();
  await expect(reveal).toBeVisible();
  const key = await reveal.getByTestId('api-key-secret').inputValue();
  expect(key).toMatch(KEY_PATTERN);
  return key;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

test('create a read key in the UI, call the API with it, see its usage, revoke it', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request, 'api-keys');
  await signInContext(page, user);
  const org = await personalOrg(page);
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { level: 1, name: en.title })).toBeVisible();
  await expect(page.getByTestId('api-keys-empty')).toContainText(en.empty.title);

  const key = await createKeyInUi(page, user, 'E2E reader', { membersRead: true, expiry: '30' });
  const reveal = page.getByTestId('api-key-reveal');
  await expect(reveal.getByRole('heading', { name: en.reveal.createdTitle })).toBeFocused();
  await expect(reveal).toContainText(en.reveal.warning);
  await expect(reveal.getByTestId('api-key-example')).toHaveText(
    `curl -H "Authorization: Bearer ${key}" ${new URL(page.url()).origin}/api/v1/orgs/${org.id}`,
  );

  const row = page.getByTestId('api-key-row').filter({ hasText: 'E2E reader' });
  await expect(row.getByTestId('api-key-status')).toHaveText(en.status.active);
  await expect(row.getByTestId('api-key-prefix')).toHaveText(`${key.slice(0, 16)}…`);
  await expect(row.locator('[data-scope]')).toHaveCount(2);
  await expect(row.locator('[data-scope="organization:read"]')).toBeVisible();
  await expect(row.locator('[data-scope="members:read"]')).toBeVisible();
  await expect(row.getByTestId('api-key-last-used')).toHaveText(en.neverUsed);
  await expect(row.getByTestId('api-key-usage')).toHaveAttribute('data-total', '0');

  // The key works against the API itself (read scope → GET the organization)…
  const api = runnerUrl('apiUrl', 'API_URL');
  const res = await request.get(`${api}/v1/orgs/${org.id}`, { headers: bearer(key) });
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { name: string }).name).toBe(org.name);
  // …and through the web app's gateway, as the copy-paste example does.
  const viaGateway = await request.get(`/api/v1/orgs/${org.id}`, { headers: bearer(key) });
  expect(viaGateway.status()).toBe(200);
  // A key in the query string is refused, even a valid one.
  const inQuery = await request.get(`${api}/v1/orgs/${org.id}?api_key=${encodeURIComponent(key)}`);
  expect(inQuery.status()).toBe(400);
  expect(((await inQuery.json()) as { code: string }).code).toBe('credentials_in_query');

  // Dismissed, the secret is gone for good: not after a reload, not anywhere in the page.
  await reveal.getByRole('button', { name: en.reveal.done }).click();
  await expect(reveal).toBeHidden();
  await expect(row.getByRole('heading', { level: 3 })).toBeFocused();
  await page.reload();
  await expect(row.getByTestId('api-key-status')).toHaveText(en.status.active);
  await expect(page.getByTestId('api-key-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(key.slice(17));

  // Last used and usage reflect the two successful calls.
  await expect(row.getByTestId('api-key-last-used')).not.toHaveText(en.neverUsed);
  await expect(row.getByTestId('api-key-usage')).toHaveAttribute('data-total', '2');
  await expect(row.getByTestId('api-key-usage-summary')).toHaveText('2 requests in 30 days');

  // Revoke (confirmed), and the key stops working at once with the generic 401.
  await row.getByRole('button', { name: fill(en.actions.revokeLabel, { name: 'E2E reader' }) }).click();
  const confirm = page.getByRole('alertdialog', {
    name: fill(en.revokeDialog.title, { name: 'E2E reader' }),
  });
  await confirm.getByRole('button', { name: en.revokeDialog.confirm }).click();
  await expect(row.getByTestId('api-key-status')).toHaveText(en.status.revoked);
  await expect(row.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(row.getByRole('button', { name: en.actions.revoke })).toHaveCount(0);
  const revoked = await request.get(`${api}/v1/orgs/${org.id}`, { headers: bearer(key) });
  expect(revoked.status()).toBe(401);
  expect(((await revoked.json()) as { code: string }).code).toBe('api_key_invalid');

  // After a reload the revoked key sits in the collapsed "revoked and expired" group.
  await page.reload();
  const inactive = page.getByTestId('api-keys-inactive');
  await expect(inactive).toContainText(fill(en.inactive, { count: '1' }));
  await expect(page.getByTestId('api-keys-list')).toHaveCount(0);
});

test('rotating shows the new key once and keeps the old one working during the overlap', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request, 'api-keys-rotate');
  await signInContext(page, user);
  const org = await personalOrg(page);
  await page.goto(PAGE);
  const first = await createKeyInUi(page, user, 'Rotating key');
  await page.getByTestId('api-key-reveal-done').click();

  const row = page.getByTestId('api-key-row').filter({ hasText: 'Rotating key' }).first();
  await row.getByRole('button', { name: fill(en.actions.rotateLabel, { name: 'Rotating key' }) }).click();
  const confirm = page.getByRole('alertdialog', {
    name: fill(en.rotateDialog.title, { name: 'Rotating key' }),
  });
  await expect(confirm).toContainText(en.rotateDialog.body);
  await confirm.getByRole('button', { name: en.rotateDialog.confirm }).click();

  const reveal = page.getByTestId('api-key-reveal');
  await passSudoIfAsked(page, user, reveal);
  await expect(reveal.getByRole('heading', { name: en.reveal.rotatedTitle })).toBeFocused();
  await expect(reveal.getByTestId('api-key-previous-until')).toBeVisible();
  const second = await reveal.getByTestId('api-key-secret').inputValue();
  expect(second).toMatch(KEY_PATTERN);
  expect(second).not.toBe(first);

  // Both rows: the new active key and the old one, expiring.
  const rows = page.getByTestId('api-key-row').filter({ hasText: 'Rotating key' });
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="api-key-row"][data-status="expiring"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="api-key-row"][data-status="active"]')).toHaveCount(1);

  const api = runnerUrl('apiUrl', 'API_URL');
  for (const key of [first, second]) {
    const res = await request.get(`${api}/v1/orgs/${org.id}`, { headers: bearer(key) });
    expect(res.status()).toBe(200);
  }
});

test('creating a key past the sudo window asks for the password first', async ({
  page,
  request,
  context,
}) => {
  const user = await createVerifiedUser(request, 'api-keys-sudo');
  await signInContext(page, user);
  // Same trick as reauth.spec: age the authentication, drop the access token, let it refresh.
  await ageAuthentication(user.email);
  const access = (await context.cookies()).find((c) => c.name.endsWith('gw_at'));
  expect(access).toBeDefined();
  await context.clearCookies({ name: access?.name });
  await page.goto(PAGE);

  await expect(page.getByRole('button', { name: en.create.open })).toBeEnabled();
  await page.getByRole('button', { name: en.create.open }).click();
  const dialog = page.getByRole('dialog', { name: en.create.title });
  await dialog.getByLabel(en.create.nameLabel).fill('Sudo key');
  await dialog.getByRole('button', { name: en.create.submit }).click();
  const reauth = page.getByRole('dialog', { name: messages.en.Reauth.title });
  await expect(reauth).toBeVisible();
  await reauth.getByLabel(messages.en.Reauth.passwordLabel, { exact: true }).fill(user.password);
  await reauth.getByRole('button', { name: messages.en.Reauth.submit }).click();
  await expect(reauth).toBeHidden();
  // The create request was retried and the key is shown.
  await expect(page.getByTestId('api-key-secret')).toHaveValue(KEY_PATTERN);
  await expect(page.getByTestId('api-key-row').filter({ hasText: 'Sudo key' })).toHaveCount(1);
});

test('a plain member sees why there is nothing to manage, and the API agrees', async ({
  page,
  request,
  browser,
}) => {
  const owner = await createVerifiedUser(request, 'api-keys-owner');
  const member = await createVerifiedUser(request, 'api-keys-member');
  const ownerPage = await browser.newPage();
  await signInContext(ownerPage, owner);
  const org = await personalOrg(ownerPage);
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
  // Cookie-authenticated mutations must look same-origin to the API's CSRF check.
  const json = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
  const switched = await page.request.put('/api/v1/me/active-organization', {
    headers: json,
    data: { organizationId: org.id },
  });
  expect(switched.status()).toBe(200);

  await page.goto(PAGE);
  await expect(page.getByRole('heading', { level: 1, name: en.title })).toBeVisible();
  await expect(page.getByTestId('api-keys-no-access')).toContainText(en.noAccess.title);
  await expect(page.getByRole('button', { name: en.create.open })).toHaveCount(0);
  const denied = await page.request.get(`/api/v1/orgs/${org.id}/api-keys`);
  expect(denied.status()).toBe(403);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the API keys page has no axe violations (${colorScheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme });
    const user = await createVerifiedUser(request, `a11y-api-keys-${colorScheme}`);
    await signInContext(page, user);
    await page.goto(PAGE);
    await expect(page.getByTestId('api-keys-empty')).toBeVisible();
    await expectNoViolations(page); // empty state

    await page.getByRole('button', { name: en.create.open }).click();
    const dialog = page.getByRole('dialog', { name: en.create.title });
    await dialog.getByRole('button', { name: en.create.submit }).click(); // empty name: errors
    await expect(dialog.getByTestId('field-error-name')).toBeVisible();
    await expect(dialog.getByLabel(en.create.nameLabel)).toBeFocused();
    await expectNoViolations(page); // dialog with field errors

    await page.keyboard.press('Escape');
    await createKeyInUi(page, user, 'Axe key', { membersRead: true });
    await expect(page.getByTestId('api-key-usage')).toBeVisible();
    await expectNoViolations(page); // list, usage chart, one-time secret panel
  });
}

test('the Arabic page is right-to-left with left-to-right keys', async ({ page, request }) => {
  const user = await createVerifiedUser(request, 'rtl-api-keys');
  await signInContext(page, user);
  const ar = messages.ar.ApiKeys;
  await page.goto('/ar/org/settings/api-keys');
  await expect(page.getByRole('button', { name: ar.create.open })).toBeEnabled();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const heading = page.getByRole('heading', { level: 1, name: ar.title });
  expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

  await page.getByRole('button', { name: ar.create.open }).click();
  const dialog = page.getByRole('dialog', { name: ar.create.title });
  await dialog.getByLabel(ar.create.nameLabel).fill('مفتاح التكامل');
  await dialog.getByRole('button', { name: ar.create.submit }).click();
  const reveal = page.getByTestId('api-key-reveal');
  await passSudoIfAsked(page, user, reveal);
  await expect(reveal.getByRole('heading', { name: ar.reveal.createdTitle })).toBeVisible();
  await expect(reveal.getByTestId('api-key-secret')).toHaveAttribute('dir', 'ltr');
  await expect(reveal.getByTestId('api-key-example')).toHaveAttribute('dir', 'ltr');
  const row = page.getByTestId('api-key-row');
  await expect(row.getByTestId('api-key-prefix')).toHaveAttribute('dir', 'ltr');
  await expect(row.getByTestId('api-key-status')).toHaveText(ar.status.active);
  await expectNoViolations(page);
});
