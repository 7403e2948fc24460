import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import { expectAccessibleInBothThemes, expectNoViolations } from './support/a11y';
import { createVerifiedUser, linkTo, signInContext, uniqueEmail, waitForMail } from './support/identity';
import { messages } from './support/messages';

const { en, ar } = messages;
// Cookie-authenticated mutations must look same-origin to the API's CSRF check.
const json = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

const pendingRow = (page: Page, email: string) =>
  page.getByTestId('invitation-row').and(page.locator(`[data-email="${email}"]`));

/**
 * Waits for the toast `control` raised and fails when it overlaps the control. Measured in the
 * page, once the toast has slid in: a toast lives four seconds, round trips from the runner are
 * slow on a busy machine.
 */
async function expectToastClearOf(control: Locator, text: string) {
  const seen = await control.evaluate(async (el) => {
    const deadline = Date.now() + 10_000;
    let toast = document.querySelector('[data-sonner-toast][data-mounted="true"]');
    while (!toast && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      toast = document.querySelector('[data-sonner-toast][data-mounted="true"]');
    }
    if (!toast) return null;
    await new Promise((resolve) => setTimeout(resolve, 500)); // the slide-in transition
    const box = (r: DOMRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
    return {
      text: toast.textContent ?? '',
      toast: box(toast.getBoundingClientRect()),
      control: box(el.getBoundingClientRect()),
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
  if (!seen) throw new Error('no toast appeared');
  expect(seen.text).toContain(text);
  const { toast: a, control: b, viewport } = seen;
  // The toast is on screen, and the control too (it was just pressed).
  expect(a.y).toBeGreaterThanOrEqual(0);
  expect(a.y + a.height).toBeLessThanOrEqual(viewport.height);
  const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlaps, `toast ${JSON.stringify(a)} covers ${JSON.stringify(b)}`).toBe(false);
}

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 720 } });

    test('pending invitations show on the members page after inviting and go once revoked', async ({
      page,
      request,
    }) => {
      test.setTimeout(120_000);
      const owner = await createVerifiedUser(request, `pending-${width}`);
      await signInContext(page, owner);
      const created = await page.request.post('/api/v1/orgs', {
        headers: json,
        data: { name: `Pending ${width} ${Date.now().toString(36)}` },
      });
      expect(created.status()).toBe(201);

      await page.goto('/en/org/settings/members');
      // Nothing pending yet: no empty list to look at, only the form and the members.
      await expect(page.getByTestId('invite-form')).toBeVisible();
      await expect(page.getByTestId('invitations-section')).toHaveCount(0);

      const email = uniqueEmail(`pending-${width}`);
      const form = page.getByTestId('invite-form');
      await form.getByLabel(en.Invitations.form.emailLabel).fill(email);
      await form.getByLabel(en.Invitations.form.roleLabel).selectOption('admin');
      const submit = form.getByRole('button', { name: en.Invitations.form.submit });
      await submit.click();
      await expectToastClearOf(submit, en.Invitations.form.sent.replace('{email}', email));

      const row = pendingRow(page, email);
      await expect(row.getByTestId('invitation-status')).toHaveText(en.Invitations.status.pending);
      await expect(row).toContainText(en.Orgs.roles.admin);
      await expect(page.getByTestId('members-list')).toBeVisible();
      await expectAccessibleInBothThemes(page);

      // Still there after a reload (from the server's list), and in Arabic, right to left.
      await page.goto('/ar/org/settings/members');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(pendingRow(page, email).getByTestId('invitation-status')).toHaveText(
        ar.Invitations.status.pending,
      );
      await expectAccessibleInBothThemes(page);

      await page.goto('/en/org/settings/members');
      // Revoke: the row goes, and with nothing pending the section goes too.
      await pendingRow(page, email)
        .getByRole('button', { name: en.Invitations.revokeLabel.replace('{email}', email) })
        .click();
      await page.getByRole('alertdialog').getByRole('button', { name: en.Invitations.revoke }).click();
      await expect(page.getByText(en.Invitations.revoked.replace('{email}', email))).toBeVisible();
      await expect(pendingRow(page, email)).toHaveCount(0);
      await expect(page.getByTestId('invitations-section')).toHaveCount(0);
      await page.reload();
      await expect(pendingRow(page, email)).toHaveCount(0);
      await expectNoViolations(page);
    });

    test('a saved profile toast leaves the save button visible', async ({ page, request }) => {
      const user = await createVerifiedUser(request, `toast-${width}`);
      await signInContext(page, user);
      await page.goto('/en/settings/profile');
      const save = page.getByRole('button', { name: en.Profile.save });
      // Bring the button to the bottom edge, where a bottom toast would sit.
      await save.evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await page.getByLabel(en.Profile.nameLabel).fill('Toast Tester');
      await save.click();
      await expectToastClearOf(save, en.Profile.saved);
    });
  });
}

test('members without members:invite see no pending invitations', async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const owner = await createVerifiedUser(request, 'pending-owner');
  await signInContext(page, owner);
  const created = await page.request.post('/api/v1/orgs', { headers: json, data: { name: 'Pending roles' } });
  const org = (await created.json()) as { id: string };
  const member = await createVerifiedUser(request, 'pending-member');
  const invited = await page.request.post(`/api/v1/orgs/${org.id}/invitations`, {
    headers: json,
    data: { email: member.email, role: 'member' },
  });
  expect(invited.status()).toBe(201);
  // A second invitation stays pending while the member looks.
  await page.request.post(`/api/v1/orgs/${org.id}/invitations`, {
    headers: json,
    data: { email: uniqueEmail('pending-other'), role: 'member' },
  });
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signInContext(memberPage, member);
  const accepted = await memberPage.request.post('/api/v1/invitations/accept', {
    headers: json,
    data: { token: await invitationToken(request, member.email) },
  });
  expect(accepted.status()).toBe(200);
  await memberPage.goto('/en/org/settings/members');
  await expect(memberPage.getByTestId('members-list')).toBeVisible();
  await expect(memberPage.getByTestId('invitations-section')).toHaveCount(0);
  await expect(memberPage.getByTestId('invitation-row')).toHaveCount(0);
  await memberContext.close();
});

async function invitationToken(request: APIRequestContext, to: string) {
  const mail = await waitForMail(request, to, /Pending roles/);
  return new URL(linkTo(mail, '/invitation'), 'http://x').searchParams.get('token');
}
