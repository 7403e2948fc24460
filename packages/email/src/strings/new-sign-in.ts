import type { LocalizedStrings } from '../i18n';
import type { SecurityNoticeStrings } from './password-changed';

export const newSignInStrings = {
  en: {
    subject: 'New sign-in to your Groundwork account',
    preview: 'Your account was signed in to from a new device.',
    heading: 'New sign-in from a new device',
    body: "Your Groundwork account was just signed in to from a device we haven't seen before.",
    notYou:
      "If this was you, there's nothing to do. If not, sign that session out on your security page and change your password.",
    button: 'Review security',
  },
  fr: {
    subject: 'Nouvelle connexion à votre compte Groundwork',
    preview: 'Votre compte a été utilisé depuis un nouvel appareil.',
    heading: 'Nouvelle connexion depuis un nouvel appareil',
    body: "Quelqu'un vient de se connecter à votre compte Groundwork depuis un appareil que nous ne connaissions pas.",
    notYou:
      "Si c'était vous, rien à faire. Sinon, déconnectez cette session depuis votre page Sécurité et changez votre mot de passe.",
    button: 'Vérifier la sécurité',
  },
  ar: {
    subject: 'تسجيل دخول جديد إلى حسابك في Groundwork',
    preview: 'تم تسجيل الدخول إلى حسابك من جهاز جديد.',
    heading: 'تسجيل دخول من جهاز جديد',
    body: 'تم للتو تسجيل الدخول إلى حسابك في Groundwork من جهاز لم نره من قبل.',
    notYou: 'إن كنت أنت، فلا حاجة لفعل شيء. وإلا فسجّل خروج تلك الجلسة من صفحة الأمان وغيّر كلمة المرور.',
    button: 'مراجعة الأمان',
  },
} satisfies LocalizedStrings<SecurityNoticeStrings>;
