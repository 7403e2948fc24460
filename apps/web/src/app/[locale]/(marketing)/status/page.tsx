import { AlertTriangleIcon, CheckCircle2Icon, XCircleIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { fetchReadiness } from '@/lib/api/readiness';
import { publicPageMetadata } from '@/lib/seo/metadata';
import { AutoRefresh } from './_components/auto-refresh';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  return publicPageMetadata(locale, '/status', {
    title: t('statusTitle'),
    description: t('statusDescription'),
  });
}

const knownChecks = new Set(['postgres', 'redis', 's3']);

export default async function StatusPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  // Always rendered per request: a cached status page would be a lie.
  await connection();
  const [t, format, readiness] = await Promise.all([
    getTranslations('Status'),
    getFormatter(),
    fetchReadiness(),
  ]);
  const overall = !readiness.reachable ? 'unreachable' : readiness.body.status === 'ok' ? 'ok' : 'fail';
  const checks = readiness.reachable ? Object.entries(readiness.body.checks) : [];

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-16 sm:px-6">
      <AutoRefresh seconds={15} />
      <div className="flex flex-col gap-3">
        <h1 className="font-semibold text-3xl tracking-tight">{t('title')}</h1>
        <p className="text-muted-foreground">{t('lead')}</p>
      </div>
      <Card>
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
          <Badge
            data-testid="status-overall"
            data-status={overall}
            variant={overall === 'ok' ? 'success' : 'destructive'}
            className="px-3 py-1 text-sm"
          >
            {overall === 'ok' ? <CheckCircle2Icon aria-hidden="true" className="size-4" /> : null}
            {overall === 'fail' ? <XCircleIcon aria-hidden="true" className="size-4" /> : null}
            {overall === 'unreachable' ? <AlertTriangleIcon aria-hidden="true" className="size-4" /> : null}
            {overall === 'ok' ? t('overallOk') : overall === 'fail' ? t('overallFail') : t('unreachable')}
          </Badge>
          <p className="text-muted-foreground text-sm">
            {t('checkedAt', { time: format.dateTime(readiness.checkedAt, { timeStyle: 'medium' }) })}
          </p>
        </CardHeader>
        <CardContent>
          {readiness.reachable ? (
            <table className="w-full text-sm">
              <caption className="sr-only">{t('checksLabel')}</caption>
              <thead>
                <tr className="border-b text-muted-foreground">
                  <th scope="col" className="py-2 text-start font-medium">
                    {t('service')}
                  </th>
                  <th scope="col" className="py-2 text-start font-medium">
                    {t('state')}
                  </th>
                  <th scope="col" className="py-2 text-end font-medium">
                    {t('latency')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {checks.map(([name, check]) => (
                  <tr
                    key={name}
                    data-testid={`check-${name}`}
                    data-status={check.status}
                    className="border-b last:border-0"
                  >
                    <th scope="row" className="py-3 text-start font-medium">
                      {knownChecks.has(name) ? t(`checks.${name as 'postgres' | 'redis' | 's3'}`) : name}
                    </th>
                    <td className="py-3">
                      <Badge variant={check.status === 'ok' ? 'success' : 'destructive'}>
                        {check.status === 'ok' ? t('ok') : t('fail')}
                      </Badge>
                    </td>
                    <td className="py-3 text-end tabular-nums">
                      {t('latencyValue', { ms: Math.round(check.latencyMs * 10) / 10 })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p data-testid="status-unreachable" className="text-muted-foreground text-sm">
              {t('unreachableBody')}
            </p>
          )}
        </CardContent>
      </Card>
      <p className="text-muted-foreground text-xs">{t('autoRefresh')}</p>
    </div>
  );
}
