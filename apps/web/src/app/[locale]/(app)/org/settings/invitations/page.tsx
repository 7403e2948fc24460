import { InvitationList } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { activeOrgFor } from '../../_components/org-page';
import { InvitationsPanel } from '../_components/invitations-panel';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'OrgSettings.nav' });
  return { title: t('invitations') };
}

export default async function OrgInvitationsPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Invitations');
  const nav = await getTranslations('OrgSettings');
  const { org, denied } = await activeOrgFor(['members:invite']);
  if (!org) return denied;
  const [me, first] = await Promise.all([
    getMe(),
    optional(serverGet(`/orgs/${encodeURIComponent(org.id)}/invitations?limit=50`, InvitationList)),
  ]);
  if (!me) return null; // the layout redirects

  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('lead', { organization: org.name })}>{nav('nav.invitations')}</PageTitle>
      {first ? (
        <InvitationsPanel
          key={org.id}
          orgId={org.id}
          myRole={org.role}
          initial={first}
          timeZone={me.timezone}
        />
      ) : (
        <FormAlert>{nav('unavailable')}</FormAlert>
      )}
    </div>
  );
}
