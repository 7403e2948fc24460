import type { LocalizedStrings } from '../i18n';

/** Shared shape of the security notices that report an action with its device, IP and time. */
export interface SecurityNoticeStrings {
  subject: string;
  preview: string;
  heading: string;
  body: string;
  notYou: string;
  button: string;
}

export const passwordChangedStrings = {
  en: {
    subject: 'Your Groundwork password was changed',
    preview: 'If you did not change it, reset your password now.',
    heading: 'Your password was changed',
    body: 'The password of your Groundwork account was just changed, and your other devices were signed out.',
    notYou:
      "Not you? Reset your password now: someone else may know it. If it was you, there's nothing to do.",
    button: 'Reset my password',
  },
  fr: {
    subject: 'Votre mot de passe Groundwork a été modifié',
    preview: "Si vous ne l'avez pas modifié, réinitialisez votre mot de passe maintenant.",
    heading: 'Votre mot de passe a été modifié',
    body: "Le mot de passe de votre compte Groundwork vient d'être modifié et vos autres appareils ont été déconnectés.",
    notYou:
      "Ce n'était pas vous ? Réinitialisez votre mot de passe maintenant : quelqu'un d'autre le connaît peut-être. Si c'était vous, rien à faire.",
    button: 'Réinitialiser mon mot de passe',
  },
  ar: {
    subject: 'تم تغيير كلمة مرور Groundwork',
    preview: 'إذا لم تغيّرها أنت، فأعد تعيين كلمة المرور الآن.',
    heading: 'تم تغيير كلمة المرور',
    body: 'تم للتو تغيير كلمة مرور حسابك في Groundwork، وتسجيل خروج أجهزتك الأخرى.',
    notYou: 'لست أنت؟ أعد تعيين كلمة المرور الآن، فربما يعرفها شخص آخر. إن كنت أنت، فلا حاجة لفعل شيء.',
    button: 'إعادة تعيين كلمة المرور',
  },
} satisfies LocalizedStrings<SecurityNoticeStrings>;
