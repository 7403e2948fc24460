import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN_AUDIT_CSV_COLUMNS } from '@repo/contracts';
import { expectAccessibleInBothThemes, expectNoViolations } from './support/a11y';
import { promoteToAdmin } from './support/admin';
import { runnerUrl } from './support/env';
import { createVerifiedUser, signInContext, type TestUser } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;
const ar = messages.ar;
const sameOrigin = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

// bullmq is a dependency of @repo/queue (the workspace that owns the queues), not of the web app:
// resolve it from there rather than adding a second copy.
type BullQueue = {
  add(name: string, data: unknown, opts: Record<string, unknown>): Promise<{ id?: string }>;
  getJob(id: string): Promise<{ getState(): Promise<string>; finishedOn?: number } | undefined>;
  close(): Promise<void>;
};
const { Queue } = createRequire(join(process.cwd(), '../../packages/queue/package.json'))('bullmq') as {
  Queue: new (name: string, opts: Record<string, unknown>) => BullQueue;
};

/** A fresh account, promoted to global admin before it signs in (the role rides in the token). */
async function signInAsAdmin(page: Page, tag: string): Promise<TestUser> {
  const admin = await createVerifiedUser(page.request, tag);
  await promoteToAdmin(admin.email);
  await signInContext(page, admin);
  return admin;
}

test('organizations: an admin searches for an organization and opens it', async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await signInAsAdmin(page, 'admin-orgs');
  const name = `Admin Console ${randomUUID().slice(0, 8)}`;
  const created = await page.request.post('/api/v1/orgs', { headers: sameOrigin, data: { name } });
  expect(created.status()).toBe(201);

  await page.goto('/en/admin/organizations');
  await expect(page.getByRole('heading', { level: 1, name: en.AdminOrgs.title })).toBeVisible();
  await expect(page.getByTestId('admin-nav-organizations')).toHaveAttribute('aria-current', 'page');
  await page.getByLabel(en.AdminOrgs.searchLabel).fill(name);
  await page.getByRole('button', { name: en.AdminOrgs.search }).click();
  const rows = page.getByTestId('admin-org-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(en.AdminOrgs.team);
  await expectAccessibleInBothThemes(page);

  await rows.first().getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const owner = page.getByTestId('admin-org-member').and(page.locator(`[data-email="${admin.email}"]`));
  await expect(owner).toContainText(en.Orgs.roles.owner);
  await expect(page.getByTestId('admin-org-invitations')).toContainText(en.AdminOrgs.noInvitations);
  await expect(page.getByTestId('admin-org-api-keys')).toContainText(en.AdminOrgs.noApiKeys);
  await expectAccessibleInBothThemes(page);
});

test('audit log: filter by action, open an entry, export the same filters as CSV', async ({ page }) => {
  test.setTimeout(90_000);
  const admin = await signInAsAdmin(page, 'admin-audit');
  const name = `Audited ${randomUUID().slice(0, 8)}`;
  const created = await page.request.post('/api/v1/orgs', { headers: sameOrigin, data: { name } });
  expect(created.status()).toBe(201);

  await page.goto('/en/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: en.AdminAudit.title })).toBeVisible();
  // Filters apply as they change; the actor is picked by name or email, not pasted as an id.
  await page.getByLabel(en.AdminAudit.filters.action).fill('org.*');
  await page.getByLabel(en.AdminAudit.filters.actor).click();
  await page.getByRole('combobox', { name: en.AdminPickers.searchUsers }).fill(admin.email);
  await page.getByRole('option', { name: admin.email }).click();
  const row = page.getByTestId('audit-row').and(page.locator('[data-action="org.created"]'));
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('audit-action')).toHaveText(en.AdminAudit.actions.org_created);
  await expect(row.getByTestId('audit-action')).toHaveAttribute('title', /org\.created/);
  // Every row left matches the prefix.
  for (const action of await page
    .getByTestId('audit-row')
    .evaluateAll((els) => els.map((e) => e.dataset.action))) {
    expect(action).toMatch(/^org\./);
  }
  await expectAccessibleInBothThemes(page);

  await row.getByTestId('audit-view').click();
  const dialog = page.getByRole('dialog', { name: en.AdminAudit.detail.title });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('audit-detail-action')).toHaveText('org.created');
  await expect(dialog.getByRole('heading', { name: en.AdminAudit.detail.changes })).toBeVisible();
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The export link carries the applied filters and answers a streamed CSV.
  const href = await page.getByTestId('audit-export').getAttribute('href');
  expect(href).toContain('/api/v1/admin/audit-logs/export?');
  expect(href).toContain('action=org.*');
  const csv = await page.request.get(href as string);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  const lines = (await csv.text()).trim().split(/\r?\n/);
  expect(lines[0]?.replace(/^\uFEFF/, '')).toBe(ADMIN_AUDIT_CSV_COLUMNS.join(','));
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines.slice(1).join('\n')).toContain('org.created');
});

test('jobs: a failed email job shows with its error, is retried, fails again, and is removed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const queue = new Queue('email', {
    connection: { url: runnerUrl('redisUrl', 'REDIS_URL'), maxRetriesPerRequest: null },
    prefix: process.env.E2E_REDIS_PREFIX ?? 'gw',
  });
  const jobId = `e2e-bad-${randomUUID()}`;
  try {
    // A payload the email worker rejects outright (unknown template): failed at the first attempt.
    await queue.add(
      'nonexistent-template',
      { template: 'nonexistent-template', to: 42 },
      { jobId, attempts: 1 },
    );
    const finishedOn = async () => (await queue.getJob(jobId))?.finishedOn ?? 0;
    await expect
      .poll(async () => (await queue.getJob(jobId))?.getState(), { timeout: 30_000 })
      .toBe('failed');
    const firstFailure = await finishedOn();

    await signInAsAdmin(page, 'admin-jobs');
    await page.goto('/en/admin/jobs');
    await expect(page.getByRole('heading', { level: 1, name: en.AdminJobs.title })).toBeVisible();
    const card = page.getByTestId('queue-card').and(page.locator('[data-queue="email"]'));
    await expect(card).toBeVisible();
    await expect(card.getByTestId('queue-count-failed')).not.toHaveText('0');
    // The outbox card shows what the relay did (this admin's sign-up mails went through it), not
    // the zeros of a BullMQ queue the relay never uses.
    const outbox = page.getByTestId('queue-card').and(page.locator('[data-queue="outbox"]'));
    await expect(outbox.getByTestId('outbox-status')).toBeVisible();
    await expect(outbox.getByTestId('outbox-dispatchedLastHour')).not.toHaveText('0');
    await expectAccessibleInBothThemes(page);

    await card.getByTestId('queue-count-failed').getByRole('link').click();
    await expect(page).toHaveURL(/\/en\/admin\/jobs\/email\?state=failed$/);
    await expect(page.getByTestId('job-tab-failed')).toHaveAttribute('aria-current', 'page');
    const row = page.getByTestId('job-row').and(page.locator(`[data-job-id="${jobId}"]`));
    await expect(row).toBeVisible();
    await expect(row.getByTestId('job-error')).not.toHaveText('—');
    await row.getByText(en.AdminJobs.stack).click();
    await expect(row.locator('pre')).toBeVisible();
    await expectAccessibleInBothThemes(page);

    // Retry (confirmed): the job leaves the failed list, runs again, fails again, and comes back.
    await row.getByTestId('job-retry').click();
    const confirmRetry = page.getByRole('alertdialog', {
      name: en.AdminJobs.retryTitle.replace('{id}', jobId),
    });
    await confirmRetry.getByRole('button', { name: en.AdminJobs.retry }).click();
    await expect(page.getByText(en.AdminJobs.retried.replace('{id}', jobId))).toBeVisible();
    await expect(row).toHaveCount(0);
    await expect.poll(finishedOn, { timeout: 30_000 }).toBeGreaterThan(firstFailure);
    await page.getByTestId('jobs-refresh').click();
    await expect(row).toBeVisible();
    expect(Date.parse((await row.getAttribute('data-finished-on')) ?? '')).toBeGreaterThan(firstFailure);

    // Remove (confirmed).
    await row.getByTestId('job-remove').click();
    const confirmRemove = page.getByRole('alertdialog', {
      name: en.AdminJobs.removeTitle.replace('{id}', jobId),
    });
    await confirmRemove.getByRole('button', { name: en.AdminJobs.remove }).click();
    await expect(page.getByText(en.AdminJobs.removed.replace('{id}', jobId))).toBeVisible();
    await expect(row).toHaveCount(0);
    expect(await queue.getJob(jobId)).toBeUndefined();

    // The same console in Arabic: right to left, and still accessible.
    await page.goto('/ar/admin/jobs/email?state=failed');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1, name: 'email' })).toBeVisible();
    await expect(page.getByTestId('job-tab-failed')).toContainText(ar.AdminJobs.states.failed);
    await expectNoViolations(page);
  } finally {
    await queue
      .getJob(jobId)
      .then((job) => (job as unknown as { remove?: () => Promise<void> })?.remove?.())
      .catch(() => {});
    await queue.close();
  }
});
