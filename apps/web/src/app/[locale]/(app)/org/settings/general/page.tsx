import { canInOrg, Organization } from '@repo/contracts';
import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { activeOrgFor } from '../../_components/org-page';
import { GeneralForm } from './general-form';
import { LogoSection } from './logo-section';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ created?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'OrgSettings.nav' });
  return { title: t('general') };
}

export default async function OrgGeneralPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('OrgSettings');
  const { org, denied } = await activeOrgFor(['org:read']);
  if (!org) return denied;
  const [details, me, format] = await Promise.all([
    optional(serverGet(`/orgs/${encodeURIComponent(org.id)}`, Organization)),
    getMe(),
    getFormatter(),
  ]);
  const created = (await searchParams).created !== undefined;
  const canEdit = canInOrg(org.role, 'org:update');
  // The logo is uploaded like an organization file: those who may change the details and write files.
  const canEditLogo = canEdit && canInOrg(org.role, 'files:write');

  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('general.lead')}>{t('nav.general')}</PageTitle>
      {created ? <FormAlert variant="success">{t('general.created', { name: org.name })}</FormAlert> : null}
      <Section
        title={t('general.sectionTitle')}
        description={canEdit ? t('general.editLead') : t('general.readOnly')}
        testId="org-general-section"
      >
        {details ? (
          <div className="flex flex-col gap-6">
            {details.personal ? (
              <p className="rounded-lg border bg-muted/40 p-3 text-sm" data-testid="org-personal-note">
                {t('general.personalNote')}
              </p>
            ) : null}
            <GeneralForm orgId={details.id} name={details.name} slug={details.slug} readOnly={!canEdit} />
            <dl className="grid max-w-lg grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-muted-foreground">{t('general.members')}</dt>
              <dd data-testid="org-member-count">{format.number(details.memberCount)}</dd>
              <dt className="text-muted-foreground">{t('general.createdAt')}</dt>
              <dd>
                {format.dateTime(new Date(details.createdAt), {
                  dateStyle: 'medium',
                  timeZone: me?.timezone,
                })}
              </dd>
            </dl>
          </div>
        ) : (
          <FormAlert>{t('unavailable')}</FormAlert>
        )}
      </Section>
      {details && canEditLogo ? (
        <Section title={t('general.logoTitle')} description={t('general.logoLead')} testId="org-logo-section">
          <LogoSection orgId={details.id} name={details.name} logoUrl={details.logoUrl} />
        </Section>
      ) : null}
    </div>
  );
}
