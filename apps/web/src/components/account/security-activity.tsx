import type { SecurityActivity } from '@repo/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import type { z } from 'zod';

type Event = z.infer<typeof SecurityActivity>['events'][number];

// Audit actions with a sentence in the catalog (keys cannot contain dots, hence `auth_sign_in`).
const KNOWN = new Set([
  'auth_sign_up',
  'auth_email_verified',
  'auth_sign_in',
  'auth_sign_in_failed',
  'auth_locked',
  'auth_unlocked',
  'auth_sign_out',
  'auth_refresh_reuse',
  'auth_password_reset',
  'auth_password_changed',
  'auth_email_change_requested',
  'auth_email_changed',
  'auth_reauthenticated',
  'session_revoked',
  'profile_updated',
  'auth_two_factor_enabled',
  'auth_two_factor_disabled',
  'auth_two_factor_failed',
  'auth_backup_code_used',
  'auth_backup_codes_regenerated',
  'auth_sso_sign_in',
  'auth_identity_linked',
  'auth_identity_unlinked',
]);

export function SecurityActivityList({ events, timeZone }: { events: Event[]; timeZone: string }) {
  const t = useTranslations('Security.activity');
  const format = useFormatter();
  if (events.length === 0) return <p className="text-muted-foreground text-sm">{t('empty')}</p>;

  return (
    // A scroll region on narrow screens (long device names): focusable and labelled so keyboard
    // users can scroll it too, like the data tables' TableScroll.
    <section
      aria-label={t('title')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be keyboard-reachable (WCAG 2.1.1).
      tabIndex={0}
      className="relative overflow-x-auto"
    >
      <table className="w-full text-sm" data-testid="activity-table">
        <caption className="sr-only">{t('title')}</caption>
        <thead>
          <tr className="border-b text-muted-foreground text-xs">
            <th scope="col" className="py-2 pe-4 text-start font-medium">
              {t('event')}
            </th>
            <th scope="col" className="py-2 pe-4 text-start font-medium">
              {t('when')}
            </th>
            <th scope="col" className="py-2 text-start font-medium">
              {t('from')}
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const key = e.action.replaceAll('.', '_');
            return (
              <tr key={e.id} className="border-b last:border-0">
                <td className="py-2 pe-4">{KNOWN.has(key) ? t(`actions.${key}` as 'title') : e.action}</td>
                <td className="whitespace-nowrap py-2 pe-4 text-muted-foreground">
                  {format.dateTime(new Date(e.createdAt), {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                    timeZone,
                  })}
                </td>
                <td className="py-2 text-muted-foreground">
                  {e.ip ? <bdi dir="ltr">{e.ip}</bdi> : null}
                  {e.ip && e.device ? ' · ' : null}
                  {e.device}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
