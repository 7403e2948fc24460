import type { LocalizedStrings } from '../i18n';

export interface AccountLockedStrings {
  subject: string;
  preview: string;
  heading: string;
  body: string;
  unlock: string;
  button: string;
  expires: string;
  notYou: string;
}

export const accountLockedStrings = {
  en: {
    subject: 'Your Groundwork account is temporarily locked',
    preview: 'Too many failed sign-in attempts. Unlock your account with one click.',
    heading: 'Your account is temporarily locked',
    body: 'After too many failed sign-in attempts, we locked your Groundwork account until {lockedUntil} to protect it.',
    unlock: 'If it was you, you can unlock it now instead of waiting.',
    button: 'Unlock my account',
    expires: 'This link works once and expires on {time}.',
    notYou:
      "If it wasn't you, someone may be guessing your password: choose a strong, unique one once you're signed in.",
  },
  fr: {
    subject: 'Votre compte Groundwork est temporairement verrouillé',
    preview: 'Trop de tentatives de connexion échouées. Déverrouillez votre compte en un clic.',
    heading: 'Votre compte est temporairement verrouillé',
    body: "Après trop de tentatives de connexion échouées, nous avons verrouillé votre compte Groundwork jusqu'au {lockedUntil} pour le protéger.",
    unlock: "Si c'était vous, vous pouvez le déverrouiller maintenant sans attendre.",
    button: 'Déverrouiller mon compte',
    expires: "Ce lien ne fonctionne qu'une fois et expire le {time}.",
    notYou:
      "Si ce n'était pas vous, quelqu'un essaie peut-être de deviner votre mot de passe : choisissez-en un robuste et unique une fois connecté·e.",
  },
  ar: {
    subject: 'تم قفل حسابك في Groundwork مؤقتًا',
    preview: 'محاولات تسجيل دخول فاشلة كثيرة. افتح قفل حسابك بنقرة واحدة.',
    heading: 'تم قفل حسابك مؤقتًا',
    body: 'بعد محاولات تسجيل دخول فاشلة كثيرة، قفلنا حسابك في Groundwork حتى {lockedUntil} لحمايته.',
    unlock: 'إن كنت أنت، يمكنك فتح القفل الآن دون انتظار.',
    button: 'فتح قفل حسابي',
    expires: 'يعمل هذا الرابط مرة واحدة وتنتهي صلاحيته في {time}.',
    notYou:
      'إن لم يكن ذلك أنت، فربما يحاول أحدهم تخمين كلمة مرورك: اختر كلمة مرور قوية وفريدة بعد تسجيل الدخول.',
  },
} satisfies LocalizedStrings<AccountLockedStrings>;
