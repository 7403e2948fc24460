import type { LocalizedStrings } from '../i18n';

export interface WelcomeStrings {
  subject: string;
  preview: string;
  heading: string;
  body: string;
  button: string;
}

export const welcomeStrings = {
  en: {
    subject: 'Welcome to Groundwork',
    preview: 'Your email is confirmed and your account is ready.',
    heading: 'Welcome, {name}',
    body: 'Your email address is confirmed and your Groundwork account is ready to use.',
    button: 'Open Groundwork',
  },
  fr: {
    subject: 'Bienvenue sur Groundwork',
    preview: 'Votre adresse est confirmée et votre compte est prêt.',
    heading: 'Bienvenue, {name}',
    body: 'Votre adresse e-mail est confirmée et votre compte Groundwork est prêt.',
    button: 'Ouvrir Groundwork',
  },
  ar: {
    subject: 'مرحبًا بك في Groundwork',
    preview: 'تم تأكيد بريدك الإلكتروني وحسابك جاهز.',
    heading: 'مرحبًا {name}',
    body: 'تم تأكيد عنوان بريدك الإلكتروني، وحسابك في Groundwork جاهز للاستخدام.',
    button: 'افتح Groundwork',
  },
} satisfies LocalizedStrings<WelcomeStrings>;
