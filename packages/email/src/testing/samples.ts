// Test data for this package's unit tests (not exported: index.ts never imports it).
import type { EmailTemplate, Locale } from '@repo/contracts';

export const APP_URL = 'https://app.example.test';
export const TOKEN = 'tOk3n_sample-VALUE';
const at = '2030-03-04T17:05:00.000Z';
const origin = { device: 'Firefox on macOS', ip: '203.0.113.9', at };

/** Valid sample props per template; a new template without samples fails the first test. */
export const samples: { [T in EmailTemplate]: Record<string, unknown> } = {
  'waitlist-welcome': { email: 'ada@example.com' },
  'verify-email': { email: 'ada@example.com', token: TOKEN, expiresAt: at },
  'confirm-email-change': { email: 'new@example.com', token: TOKEN, expiresAt: at },
  'account-exists': { email: 'ada@example.com' },
  welcome: { name: 'Ada Lovelace' },
  'reset-password': { email: 'ada@example.com', token: TOKEN, expiresAt: at },
  'password-changed': origin,
  'email-changed': { newEmail: 'new@example.com' },
  'account-locked': { token: TOKEN, expiresAt: at, lockedUntil: '2030-03-04T17:20:00.000Z' },
  'new-sign-in': origin,
  'suspicious-token-reuse': origin,
  'two-factor-enabled': origin,
  'two-factor-disabled': origin,
  'backup-code-used': { ...origin, remaining: 7 },
  'org-invitation': {
    token: TOKEN,
    expiresAt: at,
    organizationName: 'Acme',
    inviterName: 'Ada Lovelace',
    role: 'admin',
  },
  'org-role-changed': {
    organizationName: 'Acme',
    role: 'admin',
    previousRole: 'member',
    changedByName: 'Ada Lovelace',
  },
  'webhook-endpoint-disabled': {
    organizationName: 'Acme',
    url: 'https://hooks.example.com/groundwork',
    reason: 'failing',
  },
};

/** The link each mail must carry (in html AND text), `{locale}` filled per locale; null = none. */
export const expectedLinks: Record<EmailTemplate, string | null> = {
  'waitlist-welcome': null,
  'verify-email': `${APP_URL}/{locale}/verify-email?token=${TOKEN}`,
  'confirm-email-change': `${APP_URL}/{locale}/verify-email?token=${TOKEN}`,
  'account-exists': `${APP_URL}/{locale}/forgot-password`,
  welcome: `${APP_URL}/{locale}`,
  'reset-password': `${APP_URL}/{locale}/reset-password?token=${TOKEN}`,
  'password-changed': `${APP_URL}/{locale}/forgot-password`,
  'email-changed': null,
  'account-locked': `${APP_URL}/{locale}/unlock?token=${TOKEN}`,
  'new-sign-in': `${APP_URL}/{locale}/settings/security`,
  'suspicious-token-reuse': `${APP_URL}/{locale}/settings/security`,
  'two-factor-enabled': `${APP_URL}/{locale}/settings/security`,
  'two-factor-disabled': `${APP_URL}/{locale}/settings/security`,
  'backup-code-used': `${APP_URL}/{locale}/settings/security`,
  'org-invitation': `${APP_URL}/{locale}/invitation?token=${TOKEN}`,
  'org-role-changed': `${APP_URL}/{locale}`,
  'webhook-endpoint-disabled': `${APP_URL}/{locale}/org/settings/webhooks`,
};

export const expectedSubjects: Record<EmailTemplate, Record<Locale, string>> = {
  'waitlist-welcome': {
    en: "You're on the Groundwork waitlist",
    fr: "Vous êtes sur la liste d'attente de Groundwork",
    ar: 'أنت الآن على قائمة انتظار Groundwork',
  },
  'verify-email': {
    en: 'Confirm your email address',
    fr: 'Confirmez votre adresse e-mail',
    ar: 'أكّد عنوان بريدك الإلكتروني',
  },
  'confirm-email-change': {
    en: 'Confirm your new email address',
    fr: 'Confirmez votre nouvelle adresse e-mail',
    ar: 'أكّد عنوان بريدك الإلكتروني الجديد',
  },
  'account-exists': {
    en: 'You already have a Groundwork account',
    fr: 'Vous avez déjà un compte Groundwork',
    ar: 'لديك حساب في Groundwork بالفعل',
  },
  welcome: { en: 'Welcome to Groundwork', fr: 'Bienvenue sur Groundwork', ar: 'مرحبًا بك في Groundwork' },
  'reset-password': {
    en: 'Reset your Groundwork password',
    fr: 'Réinitialisez votre mot de passe Groundwork',
    ar: 'أعد تعيين كلمة مرور Groundwork',
  },
  'password-changed': {
    en: 'Your Groundwork password was changed',
    fr: 'Votre mot de passe Groundwork a été modifié',
    ar: 'تم تغيير كلمة مرور Groundwork',
  },
  'email-changed': {
    en: 'Your Groundwork email address was changed',
    fr: "L'adresse e-mail de votre compte Groundwork a été modifiée",
    ar: 'تم تغيير البريد الإلكتروني لحسابك في Groundwork',
  },
  'account-locked': {
    en: 'Your Groundwork account is temporarily locked',
    fr: 'Votre compte Groundwork est temporairement verrouillé',
    ar: 'تم قفل حسابك في Groundwork مؤقتًا',
  },
  'new-sign-in': {
    en: 'New sign-in to your Groundwork account',
    fr: 'Nouvelle connexion à votre compte Groundwork',
    ar: 'تسجيل دخول جديد إلى حسابك في Groundwork',
  },
  'suspicious-token-reuse': {
    en: 'Security alert: we signed out one of your sessions',
    fr: 'Alerte de sécurité : nous avons déconnecté une de vos sessions',
    ar: 'تنبيه أمني: سجّلنا خروج إحدى جلساتك',
  },
  'two-factor-enabled': {
    en: 'Two-factor authentication is on',
    fr: "L'authentification à deux facteurs est activée",
    ar: 'تم تفعيل المصادقة الثنائية',
  },
  'two-factor-disabled': {
    en: 'Two-factor authentication was turned off',
    fr: "L'authentification à deux facteurs a été désactivée",
    ar: 'تم إيقاف المصادقة الثنائية',
  },
  'backup-code-used': {
    en: 'A backup code was used to sign in',
    fr: 'Un code de secours a servi à vous connecter',
    ar: 'تم استخدام رمز استرداد لتسجيل الدخول',
  },
  'org-invitation': {
    en: 'You are invited to join Acme on Groundwork',
    fr: 'Vous êtes invité·e à rejoindre Acme sur Groundwork',
    ar: 'أنت مدعو للانضمام إلى Acme على Groundwork',
  },
  'org-role-changed': {
    en: 'Your role in Acme changed',
    fr: 'Votre rôle dans Acme a changé',
    ar: 'تغيّر دورك في Acme',
  },
  'webhook-endpoint-disabled': {
    en: 'A webhook endpoint of Acme was disabled',
    fr: "Un point de terminaison webhook d'Acme a été désactivé",
    ar: 'تم تعطيل نقطة استقبال webhook لدى Acme',
  },
};
