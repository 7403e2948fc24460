import { AdminFlagList } from '@repo/contracts';
import { PlusIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { summarize } from '@/lib/flags/definition-form';
import { flagEnvironment } from './_components/environment';
import { FlagsList } from './flags-list';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminFlags' });
  return { title: t('title') };
}

/** Every feature flag (docs/flags.md): state, default here, targeting at a glance. */
export default async function AdminFlagsPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const [t, me, list] = await Promise.all([
    getTranslations('AdminFlags'),
    getMe(),
    optional(serverGet('/admin/flags', AdminFlagList)),
  ]);
  const environment = await flagEnvironment(list?.flags[0]?.key);
  const rows = (list?.flags ?? []).map((flag) => ({
    ...summarize(flag.definition, environment),
    updatedAt: flag.updatedAt,
    updatedById: flag.updatedById,
  }));

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
        <Button asChild>
          <Link href="/admin/flags/new" data-testid="flags-new">
            <PlusIcon aria-hidden="true" />
            {t('new')}
          </Link>
        </Button>
      </div>
      {list ? (
        <FlagsList
          rows={rows}
          environment={environment}
          meId={me?.id ?? null}
          timeZone={me?.timezone ?? 'UTC'}
        />
      ) : (
        <FormAlert>{t('unavailable')}</FormAlert>
      )}
    </div>
  );
}
