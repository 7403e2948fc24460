import type { LocalizedStrings } from '../i18n';

export interface OrgInvitationStrings {
  subject: string;
  preview: string;
  heading: string;
  /** With the inviter's name (a person invited you). */
  bodyBy: string;
  /** Without one (an API key sent the invitation). */
  body: string;
  role: string;
  button: string;
  expires: string;
  ignore: string;
}

export const orgInvitationStrings = {
  en: {
    subject: 'You are invited to join {organization} on Groundwork',
    preview: 'Accept the invitation to join {organization}.',
    heading: 'Join {organization} on Groundwork',
    bodyBy: '{inviter} invited you to join the organization {organization} on Groundwork.',
    body: 'You were invited to join the organization {organization} on Groundwork.',
    role: 'Your role: {role}.',
    button: 'View the invitation',
    expires: 'This link works once and expires on {time}. No account yet? You can create one from it.',
    ignore: "If you didn't expect this invitation, ignore this email or decline it from the link.",
  },
  fr: {
    subject: 'Vous êtes invité·e à rejoindre {organization} sur Groundwork',
    preview: "Acceptez l'invitation à rejoindre {organization}.",
    heading: 'Rejoignez {organization} sur Groundwork',
    bodyBy: "{inviter} vous invite à rejoindre l'organisation {organization} sur Groundwork.",
    body: "Vous êtes invité·e à rejoindre l'organisation {organization} sur Groundwork.",
    role: 'Votre rôle : {role}.',
    button: "Voir l'invitation",
    expires:
      "Ce lien ne fonctionne qu'une fois et expire le {time}. Pas encore de compte ? Vous pourrez en créer un depuis ce lien.",
    ignore: "Si vous n'attendiez pas cette invitation, ignorez cet e-mail ou refusez-la depuis le lien.",
  },
  ar: {
    subject: 'أنت مدعو للانضمام إلى {organization} على Groundwork',
    preview: 'اقبل الدعوة للانضمام إلى {organization}.',
    heading: 'انضم إلى {organization} على Groundwork',
    bodyBy: 'دعاك {inviter} للانضمام إلى المؤسسة {organization} على Groundwork.',
    body: 'تمت دعوتك للانضمام إلى المؤسسة {organization} على Groundwork.',
    role: 'دورك: {role}.',
    button: 'عرض الدعوة',
    expires: 'يعمل هذا الرابط مرة واحدة وتنتهي صلاحيته في {time}. ليس لديك حساب بعد؟ يمكنك إنشاء حساب منه.',
    ignore: 'إذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة أو ارفضها من الرابط.',
  },
} satisfies LocalizedStrings<OrgInvitationStrings>;
