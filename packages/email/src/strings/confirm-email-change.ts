import type { LocalizedStrings } from '../i18n';
import type { LinkMailStrings } from './verify-email';

export const confirmEmailChangeStrings = {
  en: {
    subject: 'Confirm your new email address',
    preview: 'Confirm this address to finish changing the email of your Groundwork account.',
    heading: 'Confirm your new email address',
    body: 'You asked to use {email} for your Groundwork account. Confirm it to finish the change.',
    button: 'Confirm new email',
    expires: 'This link works once and expires on {time}.',
    ignore: "If you didn't ask for this, ignore this email: the account keeps its current address.",
  },
  fr: {
    subject: 'Confirmez votre nouvelle adresse e-mail',
    preview: "Confirmez cette adresse pour terminer le changement d'e-mail de votre compte Groundwork.",
    heading: 'Confirmez votre nouvelle adresse e-mail',
    body: 'Vous avez demandé à utiliser {email} pour votre compte Groundwork. Confirmez-la pour terminer le changement.',
    button: 'Confirmer la nouvelle adresse',
    expires: "Ce lien ne fonctionne qu'une fois et expire le {time}.",
    ignore:
      "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail : le compte garde son adresse actuelle.",
  },
  ar: {
    subject: 'أكّد عنوان بريدك الإلكتروني الجديد',
    preview: 'أكّد هذا العنوان لإكمال تغيير البريد الإلكتروني لحسابك في Groundwork.',
    heading: 'أكّد عنوان بريدك الإلكتروني الجديد',
    body: 'طلبت استخدام {email} لحسابك في Groundwork. أكّده لإكمال التغيير.',
    button: 'تأكيد البريد الجديد',
    expires: 'يعمل هذا الرابط مرة واحدة وتنتهي صلاحيته في {time}.',
    ignore: 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: سيحتفظ الحساب بعنوانه الحالي.',
  },
} satisfies LocalizedStrings<LinkMailStrings>;
