import { expect, test } from '@playwright/test';
import { messages } from './support/messages';

test('the status page shows every dependency as operational', async ({ page }) => {
  await page.goto('/en/status');
  await expect(page).toHaveTitle(`${messages.en.Metadata.statusTitle} · Groundwork`);
  await expect(page.getByTestId('status-overall')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('status-overall')).toHaveText(messages.en.Status.overallOk);
  for (const check of ['postgres', 'redis', 's3'] as const) {
    const row = page.getByTestId(`check-${check}`);
    await expect(row).toHaveAttribute('data-status', 'ok');
    await expect(row.getByRole('rowheader')).toHaveText(messages.en.Status.checks[check]);
    await expect(row).toContainText(/\d+ ms/);
  }
});
