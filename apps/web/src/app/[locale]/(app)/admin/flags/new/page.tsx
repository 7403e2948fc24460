import { AdminFlagList } from '@repo/contracts';
import { ArrowLeftIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PageTitle } from '@/components/layout/page-title';
import { Link } from '@/i18n/navigation';
import { optional } from '@/lib/api/optional';
import { serverGet } from '@/lib/api/server';
import { newFlagDraft } from '@/lib/flags/definition-form';
import { flagEnvironment } from '../_components/environment';
import { FlagEditor } from '../_components/flag-editor';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminFlags' });
  return { title: t('newTitle') };
}

/** A new flag: key, kind, variants, defaults and, optionally, rules and a rollout at once. */
export default async function NewFlagPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('AdminFlags');
  const list = await optional(serverGet('/admin/flags', AdminFlagList));
  const environment = await flagEnvironment(list?.flags[0]?.key);
  return (
    <div className="flex flex-col gap-6">
      <Link
        href="/admin/flags"
        className="inline-flex w-fit items-center gap-1 text-muted-foreground text-sm hover:text-foreground"
      >
        <ArrowLeftIcon aria-hidden="true" className="size-4 rtl:rotate-180" />
        {t('backToList')}
      </Link>
      <PageTitle lead={t('newLead')}>{t('newTitle')}</PageTitle>
      <FlagEditor mode="create" initial={newFlagDraft()} environment={environment} />
    </div>
  );
}
