import { canInOrg, canInOrgAs } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { isImpersonating } from '@/lib/api/server';
import { activeOrgFor } from '../../_components/org-page';
import { DeleteOrg, LeaveOrg } from './danger-actions';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'OrgSettings.nav' });
  return { title: t('danger') };
}

export default async function OrgDangerPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('OrgSettings');
  const [{ org, denied }, impersonating] = await Promise.all([
    activeOrgFor(['org:delete', 'org:leave']),
    isImpersonating(),
  ]);
  if (!org) return denied;

  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('danger.lead')}>{t('nav.danger')}</PageTitle>
      {canInOrg(org.role, 'org:leave') ? (
        <Section title={t('danger.leaveTitle')} description={t('danger.leaveLead')} testId="leave-section">
          {/* Its owner stays with a personal organization; people invited into one may leave. */}
          {org.personal && org.role === 'owner' ? (
            <p className="text-muted-foreground text-sm">{t('danger.leavePersonal')}</p>
          ) : (
            <LeaveOrg orgId={org.id} name={org.name} />
          )}
        </Section>
      ) : null}
      {canInOrgAs(org.role, 'org:delete', impersonating) ? (
        <Section title={t('danger.deleteTitle')} description={t('danger.deleteLead')} testId="delete-section">
          {org.personal ? (
            <p className="text-muted-foreground text-sm" data-testid="delete-personal-note">
              {t('danger.deletePersonal')}
            </p>
          ) : (
            <DeleteOrg orgId={org.id} name={org.name} slug={org.slug} />
          )}
        </Section>
      ) : null}
    </div>
  );
}
