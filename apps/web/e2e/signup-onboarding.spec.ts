import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { expectNoViolations } from './support/a11y';
import { baseURL, runnerUrl } from './support/env';
import {
  clientAddress,
  createVerifiedUser,
  type InboxMessage,
  linkTo,
  signInContext,
  strongPassword,
  uniqueEmail,
} from './support/identity';
import { messages } from './support/messages';
import { DESKTOP, expectNoHorizontalOverflow, PHONE } from './support/shell';
import { enrolOnSecurityPage } from './support/two-factor';

const en = messages.en;
const SHOTS = process.env.E2E_SCREENSHOT_DIR;
const sameOrigin = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

/** Every mail to `to`, newest first, once there are at least `count`. */
async function mailsTo(request: APIRequestContext, to: string, count: number): Promise<InboxMessage[]> {
  const inbox = runnerUrl('mailInboxUrl', 'MAIL_INBOX_URL');
  let mails: InboxMessage[] = [];
  await expect
    .poll(
      async () => {
        const res = await request.get(`${inbox}/api/messages?to=${encodeURIComponent(to)}`);
        mails = res.ok() ? ((await res.json()) as InboxMessage[]) : [];
        return mails.length;
      },
      { timeout: 30_000, message: `${count} mail(s) to ${to}` },
    )
    .toBeGreaterThanOrEqual(count);
  return mails;
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Fills the sign-up form (the password field by its exact label: the show/hide switch says "password" too). */
async function fillSignUp(page: Page, user: { name: string; email: string; password: string }) {
  await page.getByLabel(en.Auth.common.nameLabel).fill(user.name);
  await page.getByLabel(en.Auth.common.emailLabel).fill(user.email);
  await page.getByLabel(en.Auth.common.passwordLabel, { exact: true }).fill(user.password);
}

/** Signs up through the UI and returns the verification link of the newest mail. */
async function signUpInUi(page: Page, request: APIRequestContext, tag: string) {
  await page.setExtraHTTPHeaders(clientAddress());
  const user = { name: 'Sami Starter', email: uniqueEmail(tag), password: strongPassword() };
  await page.goto('/en/sign-up');
  await fillSignUp(page, user);
  await page.getByRole('button', { name: en.Auth.signUp.submit }).click();
  await expect(page.getByTestId('check-inbox')).toBeVisible();
  const [mail] = await mailsTo(request, user.email, 1);
  return { user, link: linkTo(mail as InboxMessage, '/verify-email') };
}

for (const [size, viewport] of [
  ['1280', DESKTOP],
  ['390', PHONE],
] as const) {
  test.describe(`at ${size} px`, () => {
    test.use({ viewport });

    test('Get started → sign-up → check inbox → verification mail → same browser → dashboard', async ({
      page,
      request,
    }) => {
      test.setTimeout(120_000);
      // A client address of its own (the sign-up budget is per address, as for real users).
      await page.setExtraHTTPHeaders(clientAddress());
      await page.goto('/en');
      await expectNoHorizontalOverflow(page, '/en');
      await shot(page, `landing-${size}`);
      await page.getByRole('main').getByRole('link', { name: en.Nav.getStarted }).click();
      await expect(page).toHaveURL(/\/en\/sign-up$/);

      // The strength hint applies the server's rules as the user types.
      const user = {
        name: 'Sami Starter',
        email: uniqueEmail(`journey-${size}`),
        password: strongPassword(),
      };
      const password = page.getByLabel(en.Auth.common.passwordLabel, { exact: true });
      const hint = page.getByTestId('password-hint-password');
      await page.getByLabel(en.Auth.common.nameLabel).fill(user.name);
      await page.getByLabel(en.Auth.common.emailLabel).fill(`wrong-${user.email}`);
      await expect(hint).toHaveText(en.Auth.password.hint.replace('{min}', '12'));
      await password.fill('short');
      await expect(hint).toHaveAttribute('data-state', 'weak');
      await expect(hint).toHaveText(en.Auth.password.tooShort.replace('{min}', '12'));
      await password.fill('abcabcabcabcabc');
      await expect(hint).toHaveText(en.Auth.password.repetitive);
      await password.fill('my name is Samira Starter');
      await expect(hint).toHaveText(en.Auth.password.context);
      await password.fill(user.password);
      await expect(hint).toHaveAttribute('data-state', 'ok');
      await expect(hint).toHaveText(en.Auth.password.ok);
      // Show / hide.
      await expect(password).toHaveAttribute('type', 'password');
      await page.getByRole('button', { name: en.Auth.password.show }).click();
      await expect(password).toHaveAttribute('type', 'text');
      await expect(page.getByRole('button', { name: en.Auth.password.hide })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await page.getByRole('button', { name: en.Auth.password.hide }).click();
      await expect(password).toHaveAttribute('type', 'password');
      await expectNoHorizontalOverflow(page, '/en/sign-up');
      await shot(page, `sign-up-${size}`);
      await page.getByRole('button', { name: en.Auth.signUp.submit }).click();

      // Its own screen: title, the address, resend and "wrong address?".
      const inbox = page.getByTestId('check-inbox');
      await expect(inbox.getByRole('heading', { level: 1 })).toHaveText(en.Auth.signUp.checkInboxTitle);
      await expect(inbox.getByRole('heading', { level: 1 })).toBeFocused();
      await expect(inbox).toContainText(`wrong-${user.email}`);
      await expect(page.getByRole('button', { name: en.Auth.signUp.submit })).toBeHidden();
      await inbox.getByRole('button', { name: en.Auth.signUp.wrongAddress }).click();
      const email = page.getByLabel(en.Auth.common.emailLabel);
      await expect(email).toBeFocused();
      await expect(page.getByLabel(en.Auth.common.nameLabel)).toHaveValue(user.name);
      await email.fill(user.email);
      await page.getByRole('button', { name: en.Auth.signUp.submit }).click();
      await expect(inbox).toContainText(user.email);
      await expectNoHorizontalOverflow(page, 'check inbox');
      await shot(page, `check-inbox-${size}`);
      // Resend from this screen: a second mail; its link (the newest) is the one that works.
      await inbox.getByRole('button', { name: en.Auth.verify.resendSubmit }).click();
      await expect(inbox.getByRole('status')).toHaveText(en.Auth.verify.resendDone);
      const [newest] = await mailsTo(request, user.email, 2);

      // The link in the same browser: straight into the app, no password typed again.
      await page.goto(linkTo(newest as InboxMessage, '/verify-email'));
      await expect(page).toHaveURL(/\/en\/dashboard$/);
      await expect(page.getByTestId('dashboard-title')).toHaveText(`Welcome, ${user.name}`);
      const checklist = page.getByTestId('onboarding');
      await expect(page.getByTestId('onboarding-step-verify_email')).toHaveAttribute('data-done', 'true');
      await expect(checklist.getByTestId('onboarding-progress')).toHaveText(
        en.App.onboarding.progress.replace('{done}', '1').replace('{total}', '4'),
      );
      await expect(page.getByTestId('product-slot')).toBeVisible();
      await expectNoHorizontalOverflow(page, '/en/dashboard');
      await shot(page, `dashboard-${size}`);

      // Signed in: the landing page offers the dashboard, sign-in and sign-up send there.
      await page.goto('/en');
      await page.getByRole('main').getByRole('link', { name: en.Nav.dashboard }).click();
      await expect(page).toHaveURL(/\/en\/dashboard$/);
      for (const path of ['/en/sign-in', '/en/sign-up']) {
        await page.goto(path);
        await expect(page, path).toHaveURL(/\/en\/dashboard$/);
      }
    });

    test('the link opened in another browser verifies and lands on sign-in with the address filled in', async ({
      page,
      request,
      browser,
    }) => {
      const { user, link } = await signUpInUi(page, request, `elsewhere-${size}`);
      const other = await browser.newContext({ baseURL, viewport });
      const phone = await other.newPage();
      await phone.goto(link);
      await expect(phone).toHaveURL(/\/en\/sign-in\?/);
      await expect(phone.getByTestId('sign-in-verified')).toHaveText(en.Auth.signIn.verifiedNotice);
      await expect(phone.getByLabel(en.Auth.common.emailLabel)).toHaveValue(user.email);
      await expect(phone.getByLabel(en.Auth.common.passwordLabel, { exact: true })).toBeFocused();
      await shot(phone, `sign-in-prefilled-${size}`);
      // No session there: the app still asks for the password.
      await phone.goto('/en/dashboard');
      await expect(phone).toHaveURL(/\/en\/sign-in\?next=/);
      await phone.goto('/en/sign-in');
      await phone.getByLabel(en.Auth.common.emailLabel).fill(user.email);
      await phone.getByLabel(en.Auth.common.passwordLabel, { exact: true }).fill(user.password);
      await phone.getByRole('button', { name: en.Auth.signIn.submit }).click();
      await expect(phone).toHaveURL(/\/en\/dashboard$/);
      await other.close();
      // And the browser that signed up cannot reuse the spent link.
      await page.goto(link);
      await expect(page.getByTestId('token-failed')).toBeVisible();
    });
  });
}

async function signedInPage(browser: Browser, tag: string) {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP });
  const page = await context.newPage();
  const user = await createVerifiedUser(page.request, tag);
  await signInContext(page, user);
  return { context, page, user };
}

test('signed-in visits to /sign-in and /sign-up go to the dashboard (a `next` is honoured)', async ({
  browser,
}) => {
  const { context, page } = await signedInPage(browser, 'guest-only');
  for (const locale of ['en', 'ar']) {
    await page.goto(`/${locale}/sign-up`);
    await expect(page).toHaveURL(new RegExp(`/${locale}/dashboard$`));
    await page.goto(`/${locale}/sign-in`);
    await expect(page).toHaveURL(new RegExp(`/${locale}/dashboard$`));
  }
  await page.goto(`/en/sign-in?next=${encodeURIComponent('/en/settings/profile')}`);
  await expect(page).toHaveURL(/\/en\/settings\/profile$/);
  // Signed out, the forms show again.
  expect((await page.request.post('/api/v1/auth/sign-out', { headers: sameOrigin, data: {} })).ok()).toBe(
    true,
  );
  await page.goto('/en/sign-in');
  await expect(page.getByRole('button', { name: en.Auth.signIn.submit })).toBeVisible();
  await page.goto('/en');
  await expect(page.getByRole('main').getByRole('link', { name: en.Nav.getStarted })).toBeVisible();
  await context.close();
});

test('the checklist ticks itself as steps are done, and dismissal survives reloads', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await signedInPage(browser, 'checklist');
  const step = (id: string) => page.getByTestId(`onboarding-step-${id}`);
  await page.goto('/en/dashboard');
  await expect(step('verify_email')).toHaveAttribute('data-done', 'true');
  for (const id of ['two_factor', 'invite_teammate', 'api_key']) {
    await expect(step(id)).not.toHaveAttribute('data-done');
  }
  // Each step's action leads to where it is done.
  await step('two_factor').getByRole('link').click();
  await expect(page).toHaveURL(/\/en\/settings\/two-factor$/);

  await enrolOnSecurityPage(page);
  await page.goto('/en/dashboard');
  await expect(step('two_factor')).toHaveAttribute('data-done', 'true');

  const created = await page.request.post('/api/v1/orgs', {
    headers: sameOrigin,
    data: { name: `Checklist ${Date.now().toString(36)}` },
  });
  expect(created.status()).toBe(201);
  const org = (await created.json()) as { id: string };
  const invited = await page.request.post(`/api/v1/orgs/${org.id}/invitations`, {
    headers: sameOrigin,
    data: { email: uniqueEmail('checklist-mate'), role: 'member' },
  });
  expect(invited.status()).toBe(201);
  await page.reload();
  await expect(step('invite_teammate')).toHaveAttribute('data-done', 'true');
  await expect(step('api_key')).not.toHaveAttribute('data-done');

  const key = await page.request.post(`/api/v1/orgs/${org.id}/api-keys`, {
    headers: sameOrigin,
    data: { name: 'Checklist key', scopes: ['members:read'] },
  });
  expect(key.status()).toBe(201);
  await page.reload();
  await expect(step('api_key')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('onboarding').getByRole('heading', { level: 2 })).toHaveText(
    en.App.onboarding.doneTitle,
  );

  await page.getByTestId('onboarding-dismiss').click();
  await expect(page.getByTestId('onboarding')).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('dashboard-title')).toBeVisible();
  await expect(page.getByTestId('onboarding')).toBeHidden();
  // Changed their mind: the checklist comes back, and stays.
  await page.getByTestId('onboarding-reopen').click();
  await expect(page.getByTestId('onboarding')).toBeVisible();
  await expect(page.getByTestId('onboarding-reopen')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('onboarding')).toBeVisible();
  // Per user: another account still has its checklist.
  const second = await signedInPage(browser, 'checklist-other');
  await second.page.goto('/en/dashboard');
  await expect(second.page.getByTestId('onboarding')).toBeVisible();
  await second.context.close();
  await context.close();
});

test.describe('axe on the sign-up path, light and dark, English and Arabic', () => {
  for (const locale of ['en', 'ar'] as const) {
    const m = messages[locale];
    test(`landing, sign-up and check-inbox (${locale})`, async ({ page }) => {
      await page.setExtraHTTPHeaders(clientAddress());
      await page.goto(`/${locale}`);
      await expect(page.getByRole('main').getByRole('link', { name: m.Nav.getStarted })).toBeVisible();
      await expectNoViolations(page, 'light');
      await expectNoViolations(page, 'dark');
      await page.goto(`/${locale}/sign-up`);
      await page.getByLabel(m.Auth.common.nameLabel).fill('Axe Checker');
      await page.getByLabel(m.Auth.common.emailLabel).fill(uniqueEmail(`axe-${locale}`));
      await page.getByLabel(m.Auth.common.passwordLabel, { exact: true }).fill('short');
      await expectNoViolations(page, 'light');
      await expectNoViolations(page, 'dark');
      await page.getByLabel(m.Auth.common.passwordLabel, { exact: true }).fill(strongPassword());
      await page.getByRole('button', { name: m.Auth.signUp.submit }).click();
      await expect(page.getByTestId('check-inbox')).toBeVisible();
      await expectNoViolations(page, 'light');
      await expectNoViolations(page, 'dark');
      if (locale === 'ar') await shot(page, 'check-inbox-ar');
    });

    test(`dashboard with the checklist (${locale})`, async ({ browser }) => {
      const { context, page } = await signedInPage(browser, `axe-dash-${locale}`);
      await page.goto(`/${locale}/dashboard`);
      await expect(page.getByTestId('onboarding')).toBeVisible();
      await expectNoViolations(page, 'light');
      await expectNoViolations(page, 'dark');
      if (locale === 'ar') await shot(page, 'dashboard-ar-dark');
      await context.close();
    });
  }
});
