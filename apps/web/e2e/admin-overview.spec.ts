import { expect, type Page, test } from '@playwright/test';
import { expectNoViolations } from './support/a11y';
import { promoteToAdmin } from './support/admin';
import { clientAddress, createVerifiedUser, signInContext } from './support/identity';
import { messages } from './support/messages';

const en = messages.en;
const ar = messages.ar;

async function signedInAdmin(page: Page, tag: string) {
  const admin = await createVerifiedUser(page.request, tag);
  await promoteToAdmin(admin.email);
  await signInContext(page, admin);
  return admin;
}

/** A KPI card's value as a number (grouping separators dropped; English page). */
async function kpi(page: Page, key: string): Promise<number> {
  const text = (await page.getByTestId(`kpi-${key}-value`).textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

/** The chart drew (recharts renders its SVG once it has measured its box, client-side). */
const chartSvg = (page: Page, id: string) => page.getByTestId(`chart-${id}`).locator('svg.recharts-surface');

test('an admin reads the overview, switches the range and sees real figures', async ({ page, request }) => {
  test.setTimeout(120_000);
  await signedInAdmin(page, 'overview-admin');
  // Things the overview must count: a new account and a refused sign-in (from another browser).
  const other = await createVerifiedUser(request, 'overview-other');
  const refused = await request.post('/api/v1/auth/sign-in', {
    headers: { 'content-type': 'application/json', ...clientAddress() },
    data: { email: other.email, password: `${other.password}-wrong` },
  });
  expect(refused.status()).toBe(401);

  // /admin opens on the overview; 7 days by default.
  await page.goto('/en/admin');
  await expect(page).toHaveURL(/\/en\/admin\/overview$/);
  await expect(page.getByRole('heading', { level: 1, name: en.AdminOverview.title })).toBeVisible();
  await expect(page.getByTestId('admin-nav-overview')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('overview-range-7d')).toHaveAttribute('aria-current', 'page');

  // Both accounts were created today, the admin signed in today, someone failed to sign in.
  expect(await kpi(page, 'signUps')).toBeGreaterThanOrEqual(2);
  expect(await kpi(page, 'activeUsers')).toBeGreaterThanOrEqual(1);
  expect(await kpi(page, 'sessionsCreated')).toBeGreaterThanOrEqual(1);
  expect(await kpi(page, 'failedSignIns')).toBeGreaterThanOrEqual(1);
  // The worker counted the verification mails it sent (the count lands just after the mail).
  await expect
    .poll(
      async () => {
        await page.reload();
        return kpi(page, 'jobsCompleted');
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(2);
  // The page shows what the API says (figures only grow while other tests run).
  const api = await page.request.get('/api/v1/admin/overview?range=7d');
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { kpis: { signUps: { current: number } }; series: unknown[] };
  expect(body.kpis.signUps.current).toBeGreaterThanOrEqual(await kpi(page, 'signUps'));
  expect(body.series).toHaveLength(7);

  for (const id of ['signUps', 'activeUsers', 'sessionsCreated', 'failedSignIns', 'jobs']) {
    await expect(chartSvg(page, id), id).toBeVisible();
  }
  // Every chart has its numbers in a table too.
  const signUpsChart = page.getByTestId('chart-signUps');
  await signUpsChart.getByText(en.AdminOverview.showData).click();
  await expect(page.getByTestId('chart-signUps-table').locator('tbody tr')).toHaveCount(7);
  await expectNoViolations(page, 'light');
  await expectNoViolations(page, 'dark');

  // 24 hours: the URL carries the range, the charts redraw hourly, active users stay daily.
  await page.getByTestId('overview-range-24h').click();
  await expect(page).toHaveURL(/\/en\/admin\/overview\?range=24h$/);
  await expect(page.getByTestId('overview-range-24h')).toHaveAttribute('aria-current', 'page');
  await expect(chartSvg(page, 'signUps')).toBeVisible();
  await page.getByTestId('chart-signUps').getByText(en.AdminOverview.showData).click();
  await expect(page.getByTestId('chart-signUps-table').locator('tbody tr')).toHaveCount(24);
  await expect(page.getByTestId('chart-activeUsers-daily-note')).toContainText(
    en.AdminOverview.charts.activeUsers.dailyOnly,
  );
  await expect(page.getByTestId('kpi-activeUsers')).toContainText(en.AdminOverview.kpis.activeUsersToday);
  expect(await kpi(page, 'signUps')).toBeGreaterThanOrEqual(2);
  await expectNoViolations(page, 'light');

  // A hand-edited range falls back to the default instead of failing.
  await page.goto('/en/admin/overview?range=1y');
  await expect(page.getByTestId('overview-range-7d')).toHaveAttribute('aria-current', 'page');
});

test('the overview in Arabic is right-to-left around left-to-right charts', async ({ page }) => {
  await signedInAdmin(page, 'overview-rtl');
  await page.goto('/ar/admin');
  await expect(page).toHaveURL(/\/ar\/admin\/overview$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: ar.AdminOverview.title })).toBeVisible();
  await expect(page.getByRole('navigation', { name: ar.AdminOverview.rangeLabel })).toBeVisible();
  await expect(page.getByTestId('kpi-signUps')).toContainText(ar.AdminOverview.kpis.signUps);
  await expect(chartSvg(page, 'signUps')).toBeVisible();
  // The time axis keeps its direction; the card around it follows the page.
  await expect(page.getByTestId('chart-signUps').locator('[role="img"]')).toHaveAttribute('dir', 'ltr');
  await page.getByTestId('overview-range-30d').click();
  await expect(page).toHaveURL(/\/ar\/admin\/overview\?range=30d$/);
  await expect(chartSvg(page, 'jobs')).toBeVisible();
  await expectNoViolations(page, 'light');
});
