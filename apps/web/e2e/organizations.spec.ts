import { expect, type Page, test } from '@playwright/test';
import { expectNoViolations } from './support/a11y';
import {
  ageAuthentication,
  createVerifiedUser,
  linkTo,
  signInContext,
  strongPassword,
  uniqueEmail,
  waitForMail,
} from './support/identity';
import { messages } from './support/messages';

const en = messages.en;
const ar = messages.ar;

const memberRow = (page: Page, email: string) =>
  page.getByTestId('member-row').and(page.locator(`[data-email="${email}"]`));

test('create an organization, invite by email, the invitee signs up through the link, roles change', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  // (1) The owner creates an organization from the switcher.
  const owner = await createVerifiedUser(request, 'org-owner');
  await signInContext(page, owner);
  await page.goto('/en/dashboard');
  await expect(page.getByTestId('org-switcher')).toContainText(en.Orgs.personal);
  await page.getByTestId('org-switcher').click();
  await page.getByRole('menuitem', { name: en.Orgs.switcher.create }).click();
  await expect(page).toHaveURL(/\/en\/org\/new$/);
  const orgName = `Acme ${Date.now().toString(36)}`;
  await page.getByLabel(en.Orgs.create.nameLabel).fill(orgName);
  await page.getByRole('button', { name: en.Orgs.create.submit }).click();
  await expect(page).toHaveURL(/\/en\/org\/settings\/general\?created=1$/);
  await expect(page.getByTestId('org-switcher-name')).toHaveText(orgName);
  await expect(page.getByTestId('org-settings-role')).toHaveText(en.Orgs.roles.owner);
  await expect(page.getByLabel(en.OrgSettings.general.nameLabel)).toHaveValue(orgName);

  // (2) Invite a second address from the Members page.
  await page.getByTestId('org-nav-members').click();
  await expect(page).toHaveURL(/\/en\/org\/settings\/members$/);
  await expect(memberRow(page, owner.email)).toContainText(en.Members.you);
  const inviteeEmail = uniqueEmail('org-invitee');
  const invite = page.getByTestId('invite-form');
  await invite.getByLabel(en.Invitations.form.emailLabel).fill(inviteeEmail);
  await expect(invite.getByLabel(en.Invitations.form.roleLabel)).toHaveValue('member');
  await invite.getByRole('button', { name: en.Invitations.form.submit }).click();
  await expect(page.getByText(en.Invitations.form.sent.replace('{email}', inviteeEmail))).toBeVisible();
  await expectNoViolations(page);

  // The invitation shows as pending on the Invitations page.
  await page.getByTestId('org-nav-invitations').click();
  const pending = page.getByTestId('invitation-row').and(page.locator(`[data-email="${inviteeEmail}"]`));
  await expect(pending.getByTestId('invitation-status')).toHaveText(en.Invitations.status.pending);
  await expectNoViolations(page);

  // (3) The mail carries the link.
  const mail = await waitForMail(request, inviteeEmail, new RegExp(orgName));
  const link = linkTo(mail, '/invitation');

  // (4) A fresh browser: preview, inline sign-up, lands in the app with the organization active.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByTestId('invitation-org')).toHaveText(orgName);
  await expect(invitee.getByTestId('invitation-role')).toHaveText(en.Orgs.roles.member);
  await expect(invitee.getByTestId('invitation-sign-up-email')).toHaveText(inviteeEmail);
  await expectNoViolations(invitee);
  await invitee.getByLabel(en.Auth.common.nameLabel).fill('Ines Invitee');
  await invitee.getByLabel(en.Auth.common.passwordLabel, { exact: true }).fill(strongPassword());
  await invitee.getByRole('button', { name: en.InvitationLanding.signUpSubmit }).click();
  await invitee.waitForURL(/\/en\/dashboard$/);
  await expect(invitee.getByTestId('active-org-name')).toHaveText(orgName);
  await expect(invitee.getByTestId('active-org-role')).toHaveText(en.Orgs.roles.member);
  await expect(invitee.getByTestId('org-switcher-name')).toHaveText(orgName);

  // As a member: the list, but no invite form, no role selects, no Invitations section.
  await invitee.goto('/en/org/settings/members');
  await expect(memberRow(invitee, owner.email)).toBeVisible();
  await expect(memberRow(invitee, inviteeEmail).getByTestId('member-role')).toHaveText(en.Orgs.roles.member);
  await expect(invitee.getByTestId('invite-form')).toHaveCount(0);
  await expect(invitee.getByTestId('member-role-select')).toHaveCount(0);
  await expect(invitee.getByTestId('org-nav-invitations')).toHaveCount(0);
  await expect(invitee.getByTestId('org-nav-members')).toBeVisible();

  // (5) The owner promotes them to admin.
  await page.goto('/en/org/settings/members');
  const row = memberRow(page, inviteeEmail);
  await row.getByLabel(en.Members.roleFor.replace('{name}', 'Ines Invitee')).selectOption('admin');
  await expect(
    page.getByText(
      en.Members.roleChanged.replace('{name}', 'Ines Invitee').replace('{role}', en.Orgs.roles.admin),
    ),
  ).toBeVisible();
  // The invitation was used: nothing pending any more.
  await page.goto('/en/org/settings/invitations');
  await expect(page.getByText(en.Invitations.empty)).toBeVisible();

  // (6) The invitee's UI follows the new role.
  await invitee.reload();
  await expect(invitee.getByTestId('org-settings-role')).toHaveText(en.Orgs.roles.admin);
  await expect(invitee.getByTestId('invite-form')).toBeVisible();
  await expect(invitee.getByTestId('org-nav-invitations')).toBeVisible();
  // Admins manage members up to their own rank: the owner's row stays read-only.
  await expect(memberRow(invitee, owner.email).getByTestId('member-role')).toHaveText(en.Orgs.roles.owner);
  await expect(memberRow(invitee, owner.email).getByTestId('member-role-select')).toHaveCount(0);
  const roleOptions = await invitee.getByTestId('invite-form').locator('select option').allTextContents();
  expect(roleOptions).toEqual([en.Orgs.roles.admin, en.Orgs.roles.member]);

  // The same page in Arabic renders right to left.
  await invitee.goto('/ar/org/settings/members');
  await expect(invitee.locator('html')).toHaveAttribute('dir', 'rtl');
  const heading = invitee.getByRole('heading', { level: 1, name: ar.OrgSettings.nav.members });
  await expect(heading).toBeVisible();
  expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await expect(memberRow(invitee, owner.email).getByTestId('member-role')).toHaveText(ar.Orgs.roles.owner);
  await inviteeContext.close();
});

test('the invitation link refuses a bad token and the switcher moves between organizations', async ({
  page,
  request,
}) => {
  await page.goto('/en/invitation?token=not-a-real-token-but-long-enough-000000000000');
  await expect(page.getByTestId('invitation-invalid')).toBeVisible();

  const user = await createVerifiedUser(request, 'org-switch');
  await signInContext(page, user);
  await page.goto('/en/org/new');
  const orgName = `Switch ${Date.now().toString(36)}`;
  await page.getByLabel(en.Orgs.create.nameLabel).fill(orgName);
  await page.getByRole('button', { name: en.Orgs.create.submit }).click();
  await expect(page.getByTestId('org-switcher-name')).toHaveText(orgName);

  // Back to the personal organization: the settings follow the active one.
  await page.getByTestId('org-switcher').click();
  await page.getByTestId('org-switcher-item').filter({ hasText: en.Orgs.personal }).click();
  await expect(page.getByTestId('org-personal-note')).toBeVisible();
  await expect(page.getByTestId('org-switcher')).toContainText(en.Orgs.personal);

  // The personal organization cannot be deleted; the new one can (slug typed out).
  await page.goto('/en/org/settings/danger');
  await expect(page.getByTestId('delete-personal-note')).toBeVisible();
  await page.getByTestId('org-switcher').click();
  await page.getByTestId('org-switcher-item').filter({ hasText: orgName }).click();
  await expect(page.getByTestId('org-switcher-name')).toHaveText(orgName);
  await page.getByTestId('delete-org').click();
  const dialog = page.getByRole('dialog', {
    name: en.OrgSettings.danger.confirmDeleteTitle.replace('{name}', orgName),
  });
  const slugLabel = dialog.locator('label');
  const slug = (await slugLabel.textContent())?.match(/Type (\S+) to confirm/)?.[1] ?? '';
  await dialog.getByRole('textbox').fill('wrong-slug');
  await dialog.getByRole('button', { name: en.OrgSettings.danger.deleteConfirm }).click();
  await expect(dialog.getByTestId('form-error')).toHaveText(en.Errors.confirmation_mismatch);
  await dialog.getByRole('textbox').fill(slug);
  await dialog.getByRole('button', { name: en.OrgSettings.danger.deleteConfirm }).click();
  await page.waitForURL(/\/en\/dashboard$/);
  await expect(page.getByTestId('active-org-card')).toContainText(en.Orgs.personal);
});

test('an existing account signs in from the invitation, comes back to it and accepts; a stranger is told', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = await createVerifiedUser(request, 'org-owner2');
  const existing = await createVerifiedUser(request, 'org-existing');
  await signInContext(page, owner);
  await page.goto('/en/org/new');
  const orgName = `Beta ${Date.now().toString(36)}`;
  await page.getByLabel(en.Orgs.create.nameLabel).fill(orgName);
  await page.getByRole('button', { name: en.Orgs.create.submit }).click();
  await expect(page.getByTestId('org-switcher-name')).toHaveText(orgName);
  await page.goto('/en/org/settings/invitations');
  const invite = page.getByTestId('invite-form');
  await invite.getByLabel(en.Invitations.form.emailLabel).fill(existing.email);
  await invite.getByLabel(en.Invitations.form.roleLabel).selectOption('admin');
  await invite.getByRole('button', { name: en.Invitations.form.submit }).click();
  await expect(
    page.getByTestId('invitation-row').and(page.locator(`[data-email="${existing.email}"]`)),
  ).toBeVisible();
  const link = linkTo(await waitForMail(request, existing.email, new RegExp(orgName)), '/invitation');

  // Someone else's session: the page says so and offers to sign out.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signInContext(stranger, await createVerifiedUser(request, 'org-stranger'));
  await stranger.goto(link);
  await expect(stranger.getByTestId('invitation-other-account')).toContainText(existing.email);
  await expect(stranger.getByTestId('invitation-accept')).toHaveCount(0);
  await strangerContext.close();

  // Signed out, the account exists: sign in, come back, accept.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await expect(guest.getByTestId('invitation-role')).toHaveText(en.Orgs.roles.admin);
  await expect(guest.getByTestId('invitation-sign-up')).toHaveCount(0);
  await guest.getByTestId('invitation-sign-in').click();
  await expect(guest).toHaveURL(/\/en\/sign-in\?next=/);
  await guest.getByLabel(en.Auth.common.emailLabel).fill(existing.email);
  await guest.getByLabel(en.Auth.common.passwordLabel, { exact: true }).fill(existing.password);
  await guest.getByRole('button', { name: en.Auth.signIn.submit }).click();
  await guest.waitForURL(/\/en\/invitation\?token=/);
  await guest.getByTestId('invitation-accept').click();
  await guest.waitForURL(/\/en\/dashboard$/);
  await expect(guest.getByTestId('active-org-name')).toHaveText(orgName);
  await expect(guest.getByTestId('active-org-role')).toHaveText(en.Orgs.roles.admin);

  // The link was single-use.
  await guest.goto(link);
  await expect(guest.getByTestId('invitation-invalid')).toBeVisible();
  await guestContext.close();
});

test('transferring ownership asks for the password when sudo expired; the last owner cannot leave', async ({
  page,
  request,
  browser,
  context,
}) => {
  test.setTimeout(120_000);
  // Cookie-authenticated mutations must look same-origin to the API's CSRF check.
  const json = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
  const owner = await createVerifiedUser(request, 'org-transfer');
  await signInContext(page, owner);
  const orgName = `Gamma ${Date.now().toString(36)}`;
  const created = await page.request.post('/api/v1/orgs', { headers: json, data: { name: orgName } });
  expect(created.status()).toBe(201);
  const org = (await created.json()) as { id: string };
  const heirEmail = uniqueEmail('org-heir');
  const invited = await page.request.post(`/api/v1/orgs/${org.id}/invitations`, {
    headers: json,
    data: { email: heirEmail, role: 'member' },
  });
  expect(invited.status()).toBe(201);
  const link = linkTo(await waitForMail(request, heirEmail, new RegExp(orgName)), '/invitation');
  const token = new URL(link, 'http://x').searchParams.get('token');
  const heirContext = await browser.newContext();
  const heir = await heirContext.newPage();
  const joined = await heir.request.post('/api/v1/invitations/sign-up', {
    headers: json,
    data: { token, name: 'Hana Heir', password: strongPassword(), locale: 'en' },
  });
  expect(joined.status()).toBe(201);

  // Sudo has expired for the owner: the transfer asks for the password, then goes through.
  await ageAuthentication(owner.email);
  const access = (await context.cookies()).find((c) => c.name.endsWith('gw_at'));
  await context.clearCookies({ name: access?.name });
  await page.goto('/en/org/settings/members');
  await memberRow(page, heirEmail)
    .getByRole('button', { name: en.Members.transferLabel.replace('{name}', 'Hana Heir') })
    .click();
  await page.getByRole('alertdialog').getByRole('button', { name: en.Members.transfer }).click();
  const reauth = page.getByRole('dialog', { name: en.Reauth.title });
  await expect(reauth).toBeVisible();
  await reauth.getByLabel(en.Reauth.passwordLabel, { exact: true }).fill(owner.password);
  await reauth.getByRole('button', { name: en.Reauth.submit }).click();
  await expect(page.getByText(en.Members.transferred.replace('{name}', 'Hana Heir'))).toBeVisible();
  await expect(page.getByTestId('org-settings-role')).toHaveText(en.Orgs.roles.admin);
  await expect(memberRow(page, heirEmail).getByTestId('member-role')).toHaveText(en.Orgs.roles.owner);

  // The new owner is the last one: leaving is refused with the localized reason.
  await heir.goto('/en/org/settings/danger');
  await heir.getByTestId('leave-org').click();
  await heir.getByRole('alertdialog').getByRole('button', { name: en.OrgSettings.danger.leave }).click();
  await expect(heir.getByTestId('leave-error')).toHaveText(en.Errors.last_owner);
  await expect(heir.getByTestId('delete-org')).toBeVisible();
  await heirContext.close();

  // The former owner (now admin) may leave: back to the dashboard, in the personal organization.
  await page.goto('/en/org/settings/danger');
  await expect(page.getByTestId('delete-org')).toHaveCount(0);
  await page.getByTestId('leave-org').click();
  await page.getByRole('alertdialog').getByRole('button', { name: en.OrgSettings.danger.leave }).click();
  await page.waitForURL(/\/en\/dashboard$/);
  await expect(page.getByTestId('active-org-card')).toContainText(en.Orgs.personal);
});
