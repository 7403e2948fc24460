import type { AdminOverview, OverviewKpi, OverviewKpis } from '@repo/contracts';
import { ArrowDownIcon, ArrowUpIcon, MinusIcon } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';

const KPIS: (keyof OverviewKpis)[] = [
  'signUps',
  'activeUsers',
  'sessionsCreated',
  'failedSignIns',
  'jobsCompleted',
  'jobsFailed',
  'webhooksDelivered',
  'webhooksFailed',
];

type Direction = 'up' | 'down' | 'same';
const ICONS = { up: ArrowUpIcon, down: ArrowDownIcon, same: MinusIcon } as const;

const direction = ({ current, previous }: OverviewKpi): Direction =>
  current > previous ? 'up' : current < previous ? 'down' : 'same';

/**
 * One card per KPI: the range's total and how it moved against the equal period before. The
 * delta is a sentence (not just a coloured arrow), so it reads the same to everyone.
 */
export async function KpiCards({ overview }: { overview: AdminOverview }) {
  const t = await getTranslations('AdminOverview');
  const format = await getFormatter();
  const hourly = overview.granularity === 'hour';

  const delta = (kpi: OverviewKpi) => {
    const previous = format.number(kpi.previous);
    const dir = direction(kpi);
    if (dir === 'same') return t('delta.same', { previous });
    if (kpi.previous === 0) return t('delta.fromZero');
    const percent = format.number(Math.abs(kpi.current - kpi.previous) / kpi.previous, {
      style: 'percent',
      maximumFractionDigits: 0,
    });
    return t(`delta.${dir}`, { percent, previous });
  };

  return (
    <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="overview-kpis">
      {KPIS.map((key) => {
        const kpi = overview.kpis[key];
        const label = key === 'activeUsers' && hourly ? t('kpis.activeUsersToday') : t(`kpis.${key}`);
        const Icon = kpi ? ICONS[direction(kpi)] : null;
        return (
          <li
            key={key}
            className="flex flex-col gap-1 rounded-xl border bg-card p-4 text-card-foreground shadow-sm"
            data-testid={`kpi-${key}`}
          >
            <p className="text-muted-foreground text-sm">{label}</p>
            <p className="font-semibold text-3xl tabular-nums" data-testid={`kpi-${key}-value`}>
              {kpi ? format.number(kpi.current) : '—'}
            </p>
            <p
              className="flex items-center gap-1 text-muted-foreground text-xs"
              data-testid={`kpi-${key}-delta`}
            >
              {Icon ? <Icon aria-hidden="true" className="size-3.5 shrink-0" /> : null}
              <span>{kpi ? delta(kpi) : t('jobsUnknown')}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
