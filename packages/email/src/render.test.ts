import { type EmailTemplate, Locale } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import { render } from './render';
import { templates } from './templates';

/** Valid sample props per template; a new template without samples fails the first test. */
const samples: { [T in EmailTemplate]: Record<string, unknown> } = {
  'waitlist-welcome': { email: 'ada@example.com' },
};

const expectedSubjects: Record<EmailTemplate, Record<Locale, string>> = {
  'waitlist-welcome': {
    en: "You're on the Groundwork waitlist",
    fr: "Vous êtes sur la liste d'attente de Groundwork",
    ar: 'أنت الآن على قائمة انتظار Groundwork',
  },
};

const names = Object.keys(templates) as EmailTemplate[];

describe('render', () => {
  it('has samples for every template', () => {
    expect(Object.keys(samples).sort()).toEqual([...names].sort());
  });

  for (const template of names) {
    for (const locale of Locale.options) {
      it(`${template} in ${locale}: localized subject, html and text parts, direction`, async () => {
        const mail = await render(template, samples[template], locale, {
          appUrl: 'https://app.example.test',
        });
        expect(mail.subject).toBe(expectedSubjects[template][locale]);
        expect(mail.html).toMatch(/^<!DOCTYPE html/i);
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.html).toContain(locale === 'ar' ? 'dir="rtl"' : 'dir="ltr"');
        expect(mail.html).toContain('https://app.example.test');
        expect(mail.text.length).toBeGreaterThan(40);
        expect(mail.text).not.toMatch(/<[a-z]/i);
        // No placeholder left unfilled in either part.
        expect(mail.html).not.toMatch(/\{\w+\}/);
        expect(mail.text).not.toMatch(/\{\w+\}/);
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
  });

  it('rejects an unknown locale', async () => {
    await expect(render('waitlist-welcome', samples['waitlist-welcome'], 'de' as Locale)).rejects.toThrow();
  });
});
