import type { LocalizedStrings } from '../i18n';

export interface EmailChangedStrings {
  subject: string;
  preview: string;
  heading: string;
  body: string;
  after: string;
  notYou: string;
}

export const emailChangedStrings = {
  en: {
    subject: 'Your Groundwork email address was changed',
    preview: 'Your account now uses a new email address.',
    heading: 'Your email address was changed',
    body: 'The email address of your Groundwork account was changed to {newEmail}.',
    after: 'This address will no longer receive messages about the account or be able to sign in to it.',
    notYou:
      "If you didn't make this change, contact support right away: someone may have taken over your account.",
  },
  fr: {
    subject: "L'adresse e-mail de votre compte Groundwork a été modifiée",
    preview: 'Votre compte utilise désormais une nouvelle adresse e-mail.',
    heading: 'Votre adresse e-mail a été modifiée',
    body: "L'adresse e-mail de votre compte Groundwork a été remplacée par {newEmail}.",
    after:
      'Cette adresse ne recevra plus de messages concernant ce compte et ne permettra plus de vous y connecter.',
    notYou:
      "Si vous n'êtes pas à l'origine de ce changement, contactez le support immédiatement : quelqu'un a peut-être pris le contrôle de votre compte.",
  },
  ar: {
    subject: 'تم تغيير البريد الإلكتروني لحسابك في Groundwork',
    preview: 'يستخدم حسابك الآن عنوان بريد إلكتروني جديدًا.',
    heading: 'تم تغيير عنوان بريدك الإلكتروني',
    body: 'تم تغيير عنوان البريد الإلكتروني لحسابك في Groundwork إلى {newEmail}.',
    after: 'لن يتلقى هذا العنوان بعد الآن رسائل بشأن الحساب، ولن يمكن تسجيل الدخول به.',
    notYou: 'إذا لم تُجرِ هذا التغيير، فتواصل مع الدعم فورًا: ربما استولى أحدهم على حسابك.',
  },
} satisfies LocalizedStrings<EmailChangedStrings>;
