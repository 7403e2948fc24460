import type { LocalizedStrings } from '../i18n';

/** Shared by verify-email (sign-up) and confirm-email-change (new address). */
export interface LinkMailStrings {
  subject: string;
  preview: string;
  heading: string;
  body: string;
  button: string;
  expires: string;
  ignore: string;
}

export const verifyEmailStrings = {
  en: {
    subject: 'Confirm your email address',
    preview: 'One click to finish creating your Groundwork account.',
    heading: 'Confirm your email address',
    body: 'Confirm that {email} is yours to finish creating your Groundwork account.',
    button: 'Confirm my email',
    expires: 'This link works once and expires on {time}.',
    ignore: "If you didn't create an account, ignore this email: no account will be activated.",
  },
  fr: {
    subject: 'Confirmez votre adresse e-mail',
    preview: 'Un clic pour terminer la création de votre compte Groundwork.',
    heading: 'Confirmez votre adresse e-mail',
    body: 'Confirmez que {email} vous appartient pour terminer la création de votre compte Groundwork.',
    button: 'Confirmer mon adresse',
    expires: "Ce lien ne fonctionne qu'une fois et expire le {time}.",
    ignore: "Si vous n'avez pas créé de compte, ignorez cet e-mail : aucun compte ne sera activé.",
  },
  ar: {
    subject: 'أكّد عنوان بريدك الإلكتروني',
    preview: 'نقرة واحدة لإكمال إنشاء حسابك في Groundwork.',
    heading: 'أكّد عنوان بريدك الإلكتروني',
    body: 'أكّد أن {email} يخصّك لإكمال إنشاء حسابك في Groundwork.',
    button: 'تأكيد بريدي الإلكتروني',
    expires: 'يعمل هذا الرابط مرة واحدة وتنتهي صلاحيته في {time}.',
    ignore: 'إذا لم تُنشئ حسابًا، فتجاهل هذه الرسالة: لن يُفعَّل أي حساب.',
  },
} satisfies LocalizedStrings<LinkMailStrings>;
