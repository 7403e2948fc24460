import { canInOrgAs, InvitationList, MemberList } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { activeOrgFor } from '../../_components/org-page';
import { InvitationsPanel } from '../_components/invitations-panel';
import { InviteForm } from '../_components/invite-form';
import { MembersPanel } from './members-panel';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'OrgSettings.nav' });
  return { title: t('members') };
}

export default async function OrgMembersPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Members');
  const nav = await getTranslations('OrgSettings');
  const { org, denied } = await activeOrgFor(['members:read']);
  if (!org) return denied;
  const orgPath = `/orgs/${encodeURIComponent(org.id)}`;
  const me = await getMe();
  if (!me) return null; // the layout redirects
  // Pending invitations only for those who may invite (members:invite, as the API checks);
  // a personal organization has no one to invite.
  const canInvite = !org.personal && canInOrgAs(org.role, 'members:invite', me.impersonation !== null);
  const [first, invitations] = await Promise.all([
    optional(serverGet(`${orgPath}/members?limit=50`, MemberList)),
    canInvite ? optional(serverGet(`${orgPath}/invitations?limit=50`, InvitationList)) : null,
  ]);

  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('lead', { organization: org.name })}>{nav('nav.members')}</PageTitle>
      {org.personal ? (
        <Section title={t('inviteTitle')} description={t('personalNoInvites')} testId="invite-section">
          {null}
        </Section>
      ) : canInvite && invitations ? (
        <InvitationsPanel
          key={org.id}
          orgId={org.id}
          myRole={org.role}
          initial={invitations}
          timeZone={me.timezone}
          hideEmptyList
        />
      ) : canInvite ? (
        // The invitation list could not be loaded: inviting still works.
        <Section title={t('inviteTitle')} description={t('inviteLead')} testId="invite-section">
          <InviteForm orgId={org.id} myRole={org.role} />
        </Section>
      ) : null}
      <Section title={t('listTitle')} testId="members-section">
        {first ? (
          // Keyed by org and role: a switch or a role change starts from the server's fresh page.
          <MembersPanel
            key={`${org.id}:${org.role}`}
            orgId={org.id}
            myRole={org.role}
            personal={org.personal}
            myUserId={me.id}
            impersonating={me.impersonation !== null}
            initial={first}
            timeZone={me.timezone}
          />
        ) : (
          <FormAlert>{nav('unavailable')}</FormAlert>
        )}
      </Section>
    </div>
  );
}
