import { expect, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { signInContext, type TestUser } from './identity';
import { messages } from './messages';

const en = messages.en;
const PERIOD = 30;

/**
 * An authenticator app in the test: codes from the manual key on the page. The API refuses a
 * time step it has already seen (replay), so each call uses a step after the last one; the API
 * accepts one step of drift, so a step ahead of the clock is fine and two ahead is waited out.
 */
export class Authenticator {
  private lastStep = -1;
  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    let now = Math.floor(Date.now() / 1000);
    const step = Math.max(Math.floor(now / PERIOD), this.lastStep + 1);
    while (step > Math.floor(now / PERIOD) + 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      now = Math.floor(Date.now() / 1000);
    }
    this.lastStep = step;
    return generate({ secret: this.secret, epoch: step * PERIOD });
  }
}

export type TwoFactorUser = TestUser & { authenticator: Authenticator; backupCodes: string[] };

/** Turns 2FA on through the security page (fresh sign-in: inside the sudo window). */
export async function enableTwoFactorInUi(page: Page, user: TestUser): Promise<TwoFactorUser> {
  await signInContext(page, user);
  return { ...user, ...(await enrolOnSecurityPage(page)) };
}

/** The enrolment itself, for a page already signed in within the sudo window. */
export async function enrolOnSecurityPage(
  page: Page,
): Promise<{ authenticator: Authenticator; backupCodes: string[] }> {
  await page.goto('/en/settings/security');
  const section = page.getByTestId('two-factor-section');
  await section.getByRole('button', { name: en.TwoFactor.enrol.start }).click();
  await expect(section.getByRole('img', { name: en.TwoFactor.enrol.qrAlt })).toBeVisible();
  const secret = ((await section.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const authenticator = new Authenticator(secret);
  await section.getByLabel(en.TwoFactor.enrol.codeLabel).fill(await authenticator.code());
  await section.getByRole('button', { name: en.TwoFactor.enrol.confirm }).click();
  const list = section.getByTestId('backup-codes').locator('li');
  await expect(list).toHaveCount(10);
  const backupCodes = (await list.allTextContents()).map((c) => c.trim());
  await section.getByRole('button', { name: en.TwoFactor.backup.done }).click();
  await expect(section.getByTestId('two-factor-enabled')).toBeVisible();
  return { authenticator, backupCodes };
}

/** Password step in the UI; the page then shows the code step. */
export async function passwordStep(page: Page, user: TestUser, locale: 'en' | 'fr' | 'ar' = 'en') {
  const m = messages[locale];
  await page.goto(`/${locale}/sign-in`);
  await page.getByLabel(m.Auth.common.emailLabel).fill(user.email);
  await page.getByLabel(m.Auth.common.passwordLabel, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: m.Auth.signIn.submit }).click();
  await expect(page.getByTestId('two-factor-step')).toBeVisible();
}
