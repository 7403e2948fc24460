import { getTranslations } from 'next-intl/server';

/** Shown while the server computes the overview (also when the range changes). */
export default async function Loading() {
  const t = await getTranslations('AdminOverview');
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <p role="status" className="text-muted-foreground text-sm">
        {t('loading')}
      </p>
      <div aria-hidden="true" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {['a', 'b', 'c'].map((key) => (
          <div key={key} className="h-28 animate-pulse rounded-xl bg-muted" />
        ))}
      </div>
      <div aria-hidden="true" className="h-64 animate-pulse rounded-xl bg-muted" />
    </div>
  );
}
