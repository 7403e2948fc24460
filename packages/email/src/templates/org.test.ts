import { describe, expect, it } from 'vitest';
import { render } from '../render';
import { APP_URL, samples, TOKEN } from '../testing/samples';

const opts = { appUrl: APP_URL };

describe('organization mails', () => {
  it('org-invitation: inviter, organization, localized role, single-use link and expiry', async () => {
    const mail = await render('org-invitation', samples['org-invitation'], 'en', opts);
    expect(mail.text).toContain('Ada Lovelace invited you to join the organization Acme');
    expect(mail.text).toContain('Your role: admin.');
    expect(mail.text.split(`${APP_URL}/en/invitation?token=${TOKEN}`)).toHaveLength(2);
    expect(mail.text).toMatch(/expires on March 4, 2030 at 5:05\sPM UTC/);

    const fr = await render('org-invitation', { ...samples['org-invitation'], role: 'owner' }, 'fr', opts);
    expect(fr.text).toContain('Votre rôle : propriétaire.');
  });

  it('org-invitation sent by an API key names no inviter', async () => {
    const mail = await render(
      'org-invitation',
      { ...samples['org-invitation'], inviterName: null },
      'en',
      opts,
    );
    expect(mail.text).toContain('You were invited to join the organization Acme');
    expect(mail.text).not.toContain('null');
  });

  it('org-invitation escapes a hostile organization name in html', async () => {
    const mail = await render(
      'org-invitation',
      { ...samples['org-invitation'], organizationName: '<b>Evil</b>' },
      'en',
      opts,
    );
    expect(mail.html).not.toContain('<b>Evil</b>');
    expect(mail.html).toContain('&lt;b&gt;Evil&lt;/b&gt;');
  });

  it('org-role-changed: who, from what, to what', async () => {
    const mail = await render('org-role-changed', samples['org-role-changed'], 'en', opts);
    expect(mail.text).toContain('Ada Lovelace changed your role in Acme from member to admin.');
    const anonymous = await render(
      'org-role-changed',
      { ...samples['org-role-changed'], changedByName: null },
      'ar',
      opts,
    );
    expect(anonymous.text).toContain('تغيّر دورك في Acme من عضو إلى مسؤول.');
  });
});
