import { canInOrgAs, MemberList } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { InviteForm } from '../_components/invite-form';
import { activeOrgFor } from '../_components/org-page';
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
  const [me, first] = await Promise.all([
    getMe(),
    optional(serverGet(`/orgs/${encodeURIComponent(org.id)}/members?limit=50`, MemberList)),
  ]);
  if (!me) return null; // the layout redirects

  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('lead', { organization: org.name })}>{nav('nav.members')}</PageTitle>
      {org.personal ? (
        <Section title={t('inviteTitle')} description={t('personalNoInvites')} testId="invite-section">
          {null}
        </Section>
      ) : canInOrgAs(org.role, 'members:invite', me.impersonation !== null) ? (
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
