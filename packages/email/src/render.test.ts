import { type EmailTemplate, Locale } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import { render } from './render';
import { templates } from './templates';
import { APP_URL, expectedLinks, expectedSubjects, samples } from './testing/samples';

const names = Object.keys(templates) as EmailTemplate[];

describe('render', () => {
  it('has samples for every template', () => {
    expect(Object.keys(samples).sort()).toEqual([...names].sort());
  });

  for (const template of names) {
    for (const locale of Locale.options) {
      it(`${template} in ${locale}: localized subject, html and text parts, direction, link`, async () => {
        const mail = await render(template, samples[template], locale, { appUrl: APP_URL });
        expect(mail.subject).toBe(expectedSubjects[template][locale]);
        expect(mail.html).toMatch(/^<!DOCTYPE html/i);
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.html).toMatch(locale === 'ar' ? /<html[^>]* dir="rtl"/ : /<html[^>]* dir="ltr"/);
        expect(mail.html).toContain(APP_URL);
        expect(mail.text.length).toBeGreaterThan(40);
        expect(mail.text).not.toMatch(/<[a-z]/i);
        // No placeholder left unfilled in either part.
        expect(mail.html).not.toMatch(/\{\w+\}/);
        expect(mail.text).not.toMatch(/\{\w+\}/);
        const link = expectedLinks[template]?.replace('{locale}', locale);
        if (link) {
          expect(mail.html).toContain(`href="${link}"`);
          expect(mail.text).toContain(link);
        }
      });
    }
  }

  it('puts the props into both parts', async () => {
    const mail = await render('waitlist-welcome', { email: 'ada@example.com' }, 'fr');
    expect(mail.html).toContain('ada@example.com');
    expect(mail.text).toContain('ada@example.com');
    expect(mail.text).toContain('Nous vous écrirons dès que votre place sera prête.');
  });

  it('rejects props that do not match the template schema', async () => {
    await expect(render('waitlist-welcome', { email: 'not-an-email' }, 'en')).rejects.toThrow();
    await expect(render('waitlist-welcome', {}, 'en')).rejects.toThrow();
    await expect(
      render('reset-password', { ...samples['reset-password'], token: '' }, 'en'),
    ).rejects.toThrow();
    await expect(
      render('new-sign-in', { ...samples['new-sign-in'], timeZone: 'Mars/Olympus' }, 'en'),
    ).rejects.toThrow(/time zone/);
  });

  it('rejects an unknown locale', async () => {
    await expect(render('waitlist-welcome', samples['waitlist-welcome'], 'de' as Locale)).rejects.toThrow();
  });
});
