import { type OverviewRange, OverviewRanges } from '@repo/contracts';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import { cn } from '@/lib/utils';

/** Plain links (work without JavaScript, shareable): the range lives in `?range=`. */
export async function RangeNav({ current }: { current: OverviewRange }) {
  const t = await getTranslations('AdminOverview');
  return (
    <nav aria-label={t('rangeLabel')}>
      <ul className="flex gap-1 rounded-lg border p-1">
        {OverviewRanges.map((range) => (
          <li key={range}>
            <Link
              href={{ pathname: '/admin/overview', query: { range } }}
              aria-current={range === current ? 'page' : undefined}
              data-testid={`overview-range-${range}`}
              className={cn(
                'block rounded-md px-3 py-1.5 text-sm transition-colors hover:bg-accent hover:text-accent-foreground',
                range === current ? 'bg-accent font-medium text-accent-foreground' : 'text-muted-foreground',
              )}
            >
              {t(`ranges.${range}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
