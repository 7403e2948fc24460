import { SecurityActivity } from '@repo/contracts';
import { ActivityIcon } from 'lucide-react';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import { SecurityActivityList } from '@/components/account/security-activity';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { Link } from '@/i18n/navigation';
import { getMe, serverGet } from '@/lib/api/server';
import { FLAGS } from '@/lib/flags/keys';
import { isFlagOn } from '@/lib/flags/server';

const SHOWN = 5;

/**
 * "Recent activity" (flag `dashboard.activity-card`): the caller's last security events, with a
 * link to the full list on the security page. Renders nothing while the flag is off.
 */
export async function RecentActivityCard() {
  if (!(await isFlagOn(FLAGS.activityCard))) return null;
  const t = await getTranslations('Flags.activity');
  const me = await getMe();
  let events: z.infer<typeof SecurityActivity>['events'] | null;
  try {
    events = (await serverGet('/me/security-activity', SecurityActivity)).events.slice(0, SHOWN);
  } catch (error) {
    unstable_rethrow(error);
    events = null;
  }

  return (
    <Card data-testid="recent-activity-card">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <h2 className="flex items-center gap-2 font-semibold text-lg leading-tight tracking-tight">
            <ActivityIcon aria-hidden="true" className="size-5 text-primary" />
            {t('title')}
          </h2>
          <CardDescription>{t('description', { count: SHOWN })}</CardDescription>
        </div>
        <Link href="/settings/security" className="text-primary text-sm underline-offset-4 hover:underline">
          {t('viewAll')}
        </Link>
      </CardHeader>
      <CardContent>
        {events ? (
          <SecurityActivityList events={events} timeZone={me?.timezone ?? 'UTC'} />
        ) : (
          <p className="text-muted-foreground text-sm">{t('unavailable')}</p>
        )}
      </CardContent>
    </Card>
  );
}
