import type { OrgRole } from '@repo/contracts';
import type { LocalizedStrings } from '../i18n';

/** Organization role names as the mails show them, mid-sentence (lowercase) (the web app's own labels live in its messages). */
export const orgRoleNames = {
  en: { owner: 'owner', admin: 'admin', member: 'member' },
  fr: { owner: 'propriétaire', admin: 'administrateur·rice', member: 'membre' },
  ar: { owner: 'مالك', admin: 'مسؤول', member: 'عضو' },
} satisfies LocalizedStrings<Record<OrgRole, string>>;
