import { getTranslations } from 'next-intl/server';

/** Shown while the server loads the page (the admin nav above stays in place). */
export default async function Loading() {
  const t = await getTranslations('AdminFlags');
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <p role="status" className="text-muted-foreground text-sm">
        {t('loading')}
      </p>
      <div aria-hidden="true" className="h-10 animate-pulse rounded-lg bg-muted" />
      <div aria-hidden="true" className="h-64 animate-pulse rounded-lg bg-muted" />
    </div>
  );
}
