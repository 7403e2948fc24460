import type { LocalizedStrings } from '../i18n';
import type { SecurityNoticeStrings } from './password-changed';

export const suspiciousTokenReuseStrings = {
  en: {
    subject: 'Security alert: we signed out one of your sessions',
    preview: 'A session token was reused, so we signed that session out.',
    heading: 'We signed out one of your sessions',
    body: 'A sign-in token of one of your sessions was used again after it had been replaced, which can mean it was copied. To protect your account, we signed that session out.',
    notYou:
      "If it's your device, just sign in again. If you don't recognize this activity, change your password and review your sessions.",
    button: 'Review security',
  },
  fr: {
    subject: 'Alerte de sécurité : nous avons déconnecté une de vos sessions',
    preview: 'Un jeton de session a été réutilisé : nous avons déconnecté cette session.',
    heading: 'Nous avons déconnecté une de vos sessions',
    body: "Le jeton de connexion d'une de vos sessions a été réutilisé après avoir été remplacé, ce qui peut signifier qu'il a été copié. Pour protéger votre compte, nous avons déconnecté cette session.",
    notYou:
      "S'il s'agit de votre appareil, reconnectez-vous simplement. Si vous ne reconnaissez pas cette activité, changez votre mot de passe et vérifiez vos sessions.",
    button: 'Vérifier la sécurité',
  },
  ar: {
    subject: 'تنبيه أمني: سجّلنا خروج إحدى جلساتك',
    preview: 'أُعيد استخدام رمز جلسة، لذا سجّلنا خروج تلك الجلسة.',
    heading: 'سجّلنا خروج إحدى جلساتك',
    body: 'استُخدم رمز تسجيل الدخول لإحدى جلساتك مرة أخرى بعد استبداله، وقد يعني ذلك أنه نُسخ. لحماية حسابك، سجّلنا خروج تلك الجلسة.',
    notYou:
      'إن كان جهازك، فسجّل الدخول مجددًا فحسب. وإن لم تتعرّف على هذا النشاط، فغيّر كلمة المرور وراجع جلساتك.',
    button: 'مراجعة الأمان',
  },
} satisfies LocalizedStrings<SecurityNoticeStrings>;
