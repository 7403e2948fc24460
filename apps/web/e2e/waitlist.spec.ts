import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { runnerUrl } from './support/env';
import { messages } from './support/messages';

type InboxMessage = { id: string; to: string[]; subject: string; text: string; html: string };

test('joining the waitlist shows a success message and sends the welcome mail', async ({ page, request }) => {
  const email = `e2e-${randomUUID()}@example.com`;
  await page.goto('/fr');
  await page.getByLabel(messages.fr.Waitlist.emailLabel).fill(email);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/waitlist') && r.request().method() === 'POST'),
    page.getByRole('button', { name: messages.fr.Waitlist.submit }).click(),
  ]);
  expect(response.status()).toBeLessThan(300);
  expect(response.request().postDataJSON()).toEqual({ email, locale: 'fr' });
  await expect(page.getByTestId('waitlist-success')).toHaveText(messages.fr.Waitlist.success);

  const inbox = runnerUrl('mailInboxUrl', 'MAIL_INBOX_URL');
  let mails: InboxMessage[] = [];
  await expect
    .poll(
      async () => {
        const res = await request.get(`${inbox}/api/messages?to=${encodeURIComponent(email)}`);
        mails = res.ok() ? ((await res.json()) as InboxMessage[]) : [];
        return mails.length;
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  expect(mails[0]?.to).toContain(email);
  expect(mails[0]?.subject.length).toBeGreaterThan(0);
});

test('an invalid email is rejected in the browser with the shared schema, before any request', async ({
  page,
}) => {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/waitlist')) calls.push(r.url());
  });
  await page.goto('/en');
  const input = page.getByLabel(messages.en.Waitlist.emailLabel);
  await input.fill('not-an-email');
  await page.getByRole('button', { name: messages.en.Waitlist.submit }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(messages.en.Waitlist.invalidEmail);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toBeFocused();
  expect(calls).toEqual([]);
});
