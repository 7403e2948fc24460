import { AdminFlag } from '@repo/contracts';
import { ArrowLeftIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { Section } from '@/components/layout/section';
import { Badge } from '@/components/ui/badge';
import { Link } from '@/i18n/navigation';
import { isApiError } from '@/lib/api/api-error';
import { getMe, serverGet } from '@/lib/api/server';
import { draftFromDefinition, isValidFlagKey } from '@/lib/flags/definition-form';
import { datesFor } from '@/lib/i18n/dates';
import { DeleteFlag } from '../_components/delete-flag';
import { flagEnvironment } from '../_components/environment';
import { EvaluationPanel } from '../_components/evaluation-panel';
import { FlagEditor } from '../_components/flag-editor';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `?key=` (see lib/flags/paths.ts); anything that is not a flag key is a missing page. */
function keyOf(query: Record<string, string | string[] | undefined>): string | null {
  const key = query.key;
  return typeof key === 'string' && isValidFlagKey(key) ? key : null;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminFlags' });
  return { title: t('detailTitle', { key: keyOf(await searchParams) ?? '' }) };
}

async function loadFlag(key: string): Promise<AdminFlag> {
  try {
    return await serverGet(`/admin/flags/${encodeURIComponent(key)}`, AdminFlag);
  } catch (error) {
    if (isApiError(error, 'not_found')) notFound();
    throw error;
  }
}

/**
 * One flag: kill switch, the definition editor (variants, defaults, ordered rules, rollout), who
 * gets which variant, and deletion. `?key=…&user=<id or email>` pre-fills the explainer.
 */
export default async function AdminFlagPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const query = await searchParams;
  const key = keyOf(query);
  if (!key) notFound();
  const [t, format, me, flag, environment] = await Promise.all([
    getTranslations('AdminFlags'),
    getFormatter(),
    getMe(),
    loadFlag(key),
    flagEnvironment(key),
  ]);
  const draft = draftFromDefinition(flag.definition);
  const user = typeof query.user === 'string' ? query.user.slice(0, 320) : '';
  const updated = datesFor(format, me?.timezone ?? 'UTC').dateTime(flag.updatedAt);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <Link
          href="/admin/flags"
          className="inline-flex w-fit items-center gap-1 text-muted-foreground text-sm hover:text-foreground"
        >
          <ArrowLeftIcon aria-hidden="true" className="size-4 rtl:rotate-180" />
          {t('backToList')}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono font-semibold text-2xl tracking-tight" data-testid="flag-title">
            <bdi dir="ltr">{flag.key}</bdi>
          </h1>
          <Badge variant="outline">{t(`form.kinds.${draft.kind}`)}</Badge>
        </div>
        <p className="text-muted-foreground text-sm">{t('updated', { when: updated })}</p>
      </div>

      <FlagEditor mode="edit" initial={draft} environment={environment} updatedAt={flag.updatedAt} />

      <Section
        title={t('evaluation.title')}
        description={t('evaluation.lead')}
        testId="flag-evaluation-section"
      >
        <EvaluationPanel flagKey={flag.key} initialUser={user} />
      </Section>

      <Section title={t('delete.title')} description={t('delete.lead')}>
        <DeleteFlag flagKey={flag.key} />
      </Section>
    </div>
  );
}
