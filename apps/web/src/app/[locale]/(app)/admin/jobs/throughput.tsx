import type { AdminQueueThroughput } from '@repo/contracts';
import { getTranslations } from 'next-intl/server';
import { cn } from '@/lib/utils';

/**
 * Completed and failed jobs per minute over the last hour, as tiny CSS bars (oldest at the start
 * edge). The bars are decoration; the caption carries the totals for everyone.
 */
export async function Throughput({ throughput }: { throughput: AdminQueueThroughput }) {
  const t = await getTranslations('AdminJobs.throughput');
  const { completed, failed } = throughput;
  const max = Math.max(1, ...completed.perMinute.map((c, i) => c + (failed.perMinute[i] ?? 0)));
  return (
    <figure className="flex flex-col gap-1" data-testid="queue-throughput">
      <div aria-hidden="true" className="flex h-8 items-end gap-px border-b">
        {completed.perMinute.map((c, i) => {
          const f = failed.perMinute[i] ?? 0;
          const total = c + f;
          return (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: minutes are positional
              key={i}
              className="flex min-w-0 flex-1 flex-col justify-end"
              style={{ height: total > 0 ? `${Math.max(12, (total / max) * 100)}%` : '2px' }}
            >
              {f > 0 ? <span className="bg-destructive" style={{ flexGrow: f }} /> : null}
              <span
                className={cn(total > 0 ? 'bg-primary/80' : 'bg-muted')}
                style={{ flexGrow: Math.max(c, total ? 0 : 1) }}
              />
            </span>
          );
        })}
      </div>
      <figcaption className="text-muted-foreground text-xs" data-testid="queue-throughput-summary">
        {t('summary', { completed: completed.total, failed: failed.total, minutes: throughput.minutes })}
      </figcaption>
    </figure>
  );
}
