import type { LocalizedStrings } from '../i18n';

export interface OrgRoleChangedStrings {
  subject: string;
  preview: string;
  heading: string;
  bodyBy: string;
  body: string;
  button: string;
  notExpected: string;
}

export const orgRoleChangedStrings = {
  en: {
    subject: 'Your role in {organization} changed',
    preview: 'You are now {role} in {organization}.',
    heading: 'Your role changed',
    bodyBy: '{changedBy} changed your role in {organization} from {previousRole} to {role}.',
    body: 'Your role in {organization} changed from {previousRole} to {role}.',
    button: 'Open Groundwork',
    notExpected: "If you didn't expect this change, ask an owner of the organization.",
  },
  fr: {
    subject: 'Votre rôle dans {organization} a changé',
    preview: 'Vous êtes désormais {role} dans {organization}.',
    heading: 'Votre rôle a changé',
    bodyBy: '{changedBy} a changé votre rôle dans {organization} : {previousRole} → {role}.',
    body: 'Votre rôle dans {organization} a changé : {previousRole} → {role}.',
    button: 'Ouvrir Groundwork',
    notExpected:
      "Si vous n'attendiez pas ce changement, adressez-vous à un·e propriétaire de l'organisation.",
  },
  ar: {
    subject: 'تغيّر دورك في {organization}',
    preview: 'أصبح دورك {role} في {organization}.',
    heading: 'تغيّر دورك',
    bodyBy: 'غيّر {changedBy} دورك في {organization} من {previousRole} إلى {role}.',
    body: 'تغيّر دورك في {organization} من {previousRole} إلى {role}.',
    button: 'افتح Groundwork',
    notExpected: 'إذا لم تكن تتوقع هذا التغيير، فتواصل مع أحد مالكي المؤسسة.',
  },
} satisfies LocalizedStrings<OrgRoleChangedStrings>;
