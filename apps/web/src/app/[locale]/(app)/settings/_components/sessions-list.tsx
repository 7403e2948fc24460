'use client';

import type { SessionList } from '@repo/contracts';
import { MonitorSmartphoneIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import type { z } from 'zod';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { api } from '@/lib/api/client';
import { useErrorText } from '@/lib/forms/error-text';
import { datesFor } from '@/lib/i18n/dates';

type Session = z.infer<typeof SessionList>['sessions'][number];

export function SessionsList({ sessions, timeZone }: { sessions: Session[]; timeZone: string }) {
  const t = useTranslations('Security.sessions');
  const format = useFormatter();
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const others = sessions.filter((s) => !s.current);
  const when = datesFor(format, timeZone).dateTime;

  async function run(key: string, action: () => Promise<unknown>, done: string) {
    setBusy(key);
    setError(null);
    try {
      await action();
      toast.success(done);
      router.refresh();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const revokeOthers = (
    <ConfirmDialog
      trigger={
        <Button
          variant="outline"
          size="sm"
          disabled={others.length === 0 || busy !== null}
          data-testid="revoke-others"
        >
          {t('revokeOthers')}
        </Button>
      }
      title={t('confirmRevokeOthersTitle')}
      description={t('confirmRevokeOthersBody')}
      confirmLabel={t('revokeOthers')}
      cancelLabel={t('cancel')}
      onConfirm={() => run('others', () => api.post('/me/sessions/revoke-others'), t('othersRevoked'))}
    />
  );

  return (
    <div className="flex flex-col gap-4">
      <InlineError error={error} />
      <ul className="divide-y rounded-lg border" data-testid="sessions-list">
        {sessions.map((s) => {
          const device = s.impersonation ? t('impersonation') : (s.device ?? t('unknownDevice'));
          return (
            <li
              key={s.id}
              className="flex flex-wrap items-center gap-4 p-4"
              data-testid="session-row"
              data-current={s.current || undefined}
            >
              <MonitorSmartphoneIcon aria-hidden="true" className="size-5 shrink-0 text-muted-foreground" />
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <p className="flex flex-wrap items-center gap-2 font-medium text-sm">
                  <span className="truncate">{device}</span>
                  {s.current ? <Badge variant="success">{t('thisDevice')}</Badge> : null}
                </p>
                <p className="text-muted-foreground text-xs">
                  {s.ip ? (
                    <>
                      <bdi dir="ltr">{s.ip}</bdi>
                      {' · '}
                    </>
                  ) : null}
                  {t('lastUsed', { date: when(s.lastUsedAt) })}
                  {' · '}
                  {t('created', { date: when(s.createdAt) })}
                </p>
              </div>
              {s.current ? null : (
                <ConfirmDialog
                  trigger={
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={busy !== null}
                      aria-label={t('revokeLabel', { device })}
                    >
                      {t('revoke')}
                    </Button>
                  }
                  title={t('confirmRevokeTitle')}
                  description={t('confirmRevokeBody', { device })}
                  confirmLabel={t('revoke')}
                  cancelLabel={t('cancel')}
                  onConfirm={() =>
                    run(s.id, () => api.delete(`/me/sessions/${encodeURIComponent(s.id)}`), t('revoked'))
                  }
                />
              )}
            </li>
          );
        })}
      </ul>
      <div>{revokeOthers}</div>
    </div>
  );
}
