import type { LocalizedStrings } from '../i18n';
import type { SecurityNoticeStrings } from './password-changed';

/** The three 2FA security notices (A4, docs/identity.md). `{remaining}` is replaced by the count. */
export const twoFactorEnabledStrings = {
  en: {
    subject: 'Two-factor authentication is on',
    preview: 'Your Groundwork account now asks for a code at sign-in.',
    heading: 'Two-factor authentication is on',
    body: 'Your Groundwork account now asks for a code from your authenticator app at sign-in. Keep your backup codes somewhere safe.',
    notYou:
      'Not you? Someone may be signed in to your account: review your security settings and change your password.',
    button: 'Review security settings',
  },
  fr: {
    subject: "L'authentification à deux facteurs est activée",
    preview: 'Votre compte Groundwork demande désormais un code à la connexion.',
    heading: "L'authentification à deux facteurs est activée",
    body: "Votre compte Groundwork demande désormais un code de votre application d'authentification à la connexion. Conservez vos codes de secours en lieu sûr.",
    notYou:
      "Ce n'était pas vous ? Quelqu'un est peut-être connecté à votre compte : vérifiez vos paramètres de sécurité et changez votre mot de passe.",
    button: 'Vérifier la sécurité',
  },
  ar: {
    subject: 'تم تفعيل المصادقة الثنائية',
    preview: 'أصبح حسابك في Groundwork يطلب رمزًا عند تسجيل الدخول.',
    heading: 'تم تفعيل المصادقة الثنائية',
    body: 'أصبح حسابك في Groundwork يطلب رمزًا من تطبيق المصادقة عند تسجيل الدخول. احتفظ برموز الاسترداد في مكان آمن.',
    notYou: 'لست أنت؟ ربما سجّل شخص ما الدخول إلى حسابك: راجع إعدادات الأمان وغيّر كلمة المرور.',
    button: 'مراجعة إعدادات الأمان',
  },
} satisfies LocalizedStrings<SecurityNoticeStrings>;

export const twoFactorDisabledStrings = {
  en: {
    subject: 'Two-factor authentication was turned off',
    preview: 'Your Groundwork account no longer asks for a code at sign-in.',
    heading: 'Two-factor authentication was turned off',
    body: 'Your Groundwork account no longer asks for a code at sign-in; its backup codes and remembered devices were removed.',
    notYou: 'Not you? Change your password now and turn two-factor authentication back on.',
    button: 'Review security settings',
  },
  fr: {
    subject: "L'authentification à deux facteurs a été désactivée",
    preview: 'Votre compte Groundwork ne demande plus de code à la connexion.',
    heading: "L'authentification à deux facteurs a été désactivée",
    body: 'Votre compte Groundwork ne demande plus de code à la connexion ; ses codes de secours et appareils mémorisés ont été supprimés.',
    notYou:
      "Ce n'était pas vous ? Changez votre mot de passe maintenant et réactivez l'authentification à deux facteurs.",
    button: 'Vérifier la sécurité',
  },
  ar: {
    subject: 'تم إيقاف المصادقة الثنائية',
    preview: 'لم يعد حسابك في Groundwork يطلب رمزًا عند تسجيل الدخول.',
    heading: 'تم إيقاف المصادقة الثنائية',
    body: 'لم يعد حسابك في Groundwork يطلب رمزًا عند تسجيل الدخول، وحُذفت رموز الاسترداد والأجهزة المحفوظة.',
    notYou: 'لست أنت؟ غيّر كلمة المرور الآن وأعد تفعيل المصادقة الثنائية.',
    button: 'مراجعة إعدادات الأمان',
  },
} satisfies LocalizedStrings<SecurityNoticeStrings>;

export const backupCodeUsedStrings = {
  en: {
    subject: 'A backup code was used to sign in',
    preview: 'One of your Groundwork backup codes was just used.',
    heading: 'A backup code was used',
    body: 'One of your backup codes was just used to sign in to your Groundwork account. {remaining} unused codes are left.',
    notYou: 'Not you? Change your password and create new backup codes now.',
    button: 'Review security settings',
  },
  fr: {
    subject: 'Un code de secours a servi à vous connecter',
    preview: "L'un de vos codes de secours Groundwork vient d'être utilisé.",
    heading: 'Un code de secours a été utilisé',
    body: "L'un de vos codes de secours vient de servir à vous connecter à votre compte Groundwork. Codes restants : {remaining}.",
    notYou:
      "Ce n'était pas vous ? Changez votre mot de passe et créez de nouveaux codes de secours maintenant.",
    button: 'Vérifier la sécurité',
  },
  ar: {
    subject: 'تم استخدام رمز استرداد لتسجيل الدخول',
    preview: 'تم للتو استخدام أحد رموز الاسترداد الخاصة بك في Groundwork.',
    heading: 'تم استخدام رمز استرداد',
    body: 'تم للتو استخدام أحد رموز الاسترداد لتسجيل الدخول إلى حسابك في Groundwork. الرموز المتبقية: {remaining}.',
    notYou: 'لست أنت؟ غيّر كلمة المرور وأنشئ رموز استرداد جديدة الآن.',
    button: 'مراجعة إعدادات الأمان',
  },
} satisfies LocalizedStrings<SecurityNoticeStrings>;
