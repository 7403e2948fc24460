import type { LocalizedStrings } from '../i18n';
import type { LinkMailStrings } from './verify-email';

export const resetPasswordStrings = {
  en: {
    subject: 'Reset your Groundwork password',
    preview: 'Choose a new password for your Groundwork account.',
    heading: 'Reset your password',
    body: 'We received a request to reset the password of the Groundwork account for {email}.',
    button: 'Choose a new password',
    expires: 'This link works once and expires on {time}. Resetting signs you out everywhere.',
    ignore: "If you didn't ask for this, ignore this email: your password stays the same.",
  },
  fr: {
    subject: 'Réinitialisez votre mot de passe Groundwork',
    preview: 'Choisissez un nouveau mot de passe pour votre compte Groundwork.',
    heading: 'Réinitialisez votre mot de passe',
    body: 'Nous avons reçu une demande de réinitialisation du mot de passe du compte Groundwork de {email}.',
    button: 'Choisir un nouveau mot de passe',
    expires:
      "Ce lien ne fonctionne qu'une fois et expire le {time}. La réinitialisation vous déconnecte de tous vos appareils.",
    ignore: "Si vous n'avez rien demandé, ignorez cet e-mail : votre mot de passe reste inchangé.",
  },
  ar: {
    subject: 'أعد تعيين كلمة مرور Groundwork',
    preview: 'اختر كلمة مرور جديدة لحسابك في Groundwork.',
    heading: 'أعد تعيين كلمة المرور',
    body: 'تلقّينا طلبًا لإعادة تعيين كلمة مرور حساب Groundwork الخاص بـ {email}.',
    button: 'اختيار كلمة مرور جديدة',
    expires:
      'يعمل هذا الرابط مرة واحدة وتنتهي صلاحيته في {time}. تؤدي إعادة التعيين إلى تسجيل خروجك من جميع الأجهزة.',
    ignore: 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: ستبقى كلمة مرورك كما هي.',
  },
} satisfies LocalizedStrings<LinkMailStrings>;
