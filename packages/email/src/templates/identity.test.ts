import { describe, expect, it } from 'vitest';
import { render } from '../render';
import { APP_URL, samples, TOKEN } from '../testing/samples';

const opts = { appUrl: APP_URL };

describe('identity mails', () => {
  it('reset-password: the link once in the text part, the expiry in the reader’s locale and zone', async () => {
    const en = await render('reset-password', samples['reset-password'], 'en', opts);
    const link = `${APP_URL}/en/reset-password?token=${TOKEN}`;
    expect(en.text.split(link)).toHaveLength(2);
    expect(en.text).toMatch(/expires on March 4, 2030 at 5:05\sPM UTC/);
    expect(en.text).toContain('ada@example.com');

    const fr = await render(
      'reset-password',
      { ...samples['reset-password'], timeZone: 'Asia/Tokyo' },
      'fr',
      opts,
    );
    expect(fr.text).toMatch(/expire le 5 mars 2030 à 02:05\sUTC\+9/);
  });

  it('an Arabic mail is rtl but keeps URLs and IPs left to right', async () => {
    const mail = await render('new-sign-in', samples['new-sign-in'], 'ar', opts);
    expect(mail.html).toMatch(/<html[^>]*dir="rtl"/);
    expect(mail.html).toMatch(
      /<a[^>]*dir="ltr"[^>]*>https:\/\/app\.example\.test\/ar\/settings\/security<\/a>/,
    );
    expect(mail.html).toContain('<span dir="ltr">203.0.113.9</span>');
    expect(mail.text).toContain('عنوان IP: 203.0.113.9');
  });

  it.each(['password-changed', 'new-sign-in', 'suspicious-token-reuse'] as const)(
    '%s reports device, IP and time',
    async (template) => {
      const mail = await render(template, { ...samples[template], timeZone: 'Europe/Paris' }, 'fr', opts);
      expect(mail.text).toContain('Appareil : Firefox on macOS');
      expect(mail.text).toContain('Adresse IP : 203.0.113.9');
      expect(mail.text).toMatch(/Date et heure : 4 mars 2030 à 18:05\sUTC\+1/);

      const unknown = await render(template, { ...samples[template], device: null, ip: null }, 'en', opts);
      expect(unknown.text).toContain('Device: Unknown');
      expect(unknown.text).toContain('IP address: Unknown');
    },
  );

  it('password-changed offers the reset, the security notices the security page', async () => {
    expect((await render('password-changed', samples['password-changed'], 'en', opts)).text).toContain(
      `${APP_URL}/en/forgot-password`,
    );
    expect((await render('suspicious-token-reuse', samples['new-sign-in'], 'en', opts)).text).toMatch(
      /signed that session out[\s\S]*settings\/security/,
    );
  });

  it('account-locked: until when, and a single-use unlock link', async () => {
    const mail = await render('account-locked', samples['account-locked'], 'en', opts);
    expect(mail.text).toMatch(/locked your Groundwork account until March 4, 2030 at 5:20\sPM UTC/);
    expect(mail.text).toContain(`${APP_URL}/en/unlock?token=${TOKEN}`);
  });

  it('account-exists: sign in or reset, for the address that tried', async () => {
    const mail = await render('account-exists', samples['account-exists'], 'fr', opts);
    expect(mail.text).toContain('ada@example.com');
    expect(mail.html).toContain(`href="${APP_URL}/fr/sign-in"`);
    expect(mail.html).toContain(`href="${APP_URL}/fr/forgot-password"`);
  });

  it('email-changed names the new address and carries no way back into the account', async () => {
    const mail = await render('email-changed', samples['email-changed'], 'en', opts);
    expect(mail.text).toContain('changed to new@example.com');
    const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([APP_URL]);
  });

  it('confirm-email-change goes to the verification page with the new address named', async () => {
    const mail = await render('confirm-email-change', samples['confirm-email-change'], 'en', opts);
    expect(mail.text).toContain('You asked to use new@example.com');
    expect(mail.text).toContain(`${APP_URL}/en/verify-email?token=${TOKEN}`);
  });

  it('welcome greets by name, escaped in html', async () => {
    const mail = await render('welcome', { name: '<b>Ada</b>' }, 'en', opts);
    expect(mail.subject).toBe('Welcome to Groundwork');
    expect(mail.html).toContain('Welcome, &lt;b&gt;Ada&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Ada</b>');
  });
});
