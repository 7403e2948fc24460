'use client';

import type { TrustedDeviceView } from '@repo/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import type { z } from 'zod';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { api } from '@/lib/api/client';
import { useErrorText } from '@/lib/forms/error-text';
import { datesFor } from '@/lib/i18n/dates';

/** Devices that skip the code step ("remember this device"); each one revocable. */
export function TrustedDevices({
  devices,
  timeZone,
}: {
  devices: z.infer<typeof TrustedDeviceView>[];
  timeZone: string;
}) {
  const t = useTranslations('TwoFactor.devices');
  const format = useFormatter();
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = (iso?: string | null) => datesFor(format, timeZone).date(iso, '');

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      toast.success(done);
      router.refresh();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (devices.length === 0) return <p className="text-muted-foreground text-sm">{t('empty')}</p>;

  return (
    <div className="flex flex-col gap-4">
      <InlineError error={error} />
      <ul className="divide-y rounded-lg border" data-testid="trusted-devices">
        {devices.map((d) => {
          const device = d.device ?? t('unknownDevice');
          return (
            <li key={d.id} className="flex flex-wrap items-center gap-4 p-4" data-testid="trusted-device-row">
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <p className="truncate font-medium text-sm">{device}</p>
                <p className="text-muted-foreground text-xs">
                  {d.ip ? (
                    <>
                      <bdi dir="ltr">{d.ip}</bdi>
                      {' · '}
                    </>
                  ) : null}
                  {d.expiresAt ? t('until', { date: when(d.expiresAt) }) : null}
                </p>
              </div>
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" disabled={busy} aria-label={t('revokeLabel', { device })}>
                    {t('revoke')}
                  </Button>
                }
                title={t('confirmTitle')}
                description={t('confirmBody', { device })}
                confirmLabel={t('revoke')}
                cancelLabel={t('cancel')}
                onConfirm={() =>
                  run(() => api.delete(`/me/trusted-devices/${encodeURIComponent(d.id)}`), t('revoked'))
                }
              />
            </li>
          );
        })}
      </ul>
      <div>
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" disabled={busy}>
              {t('revokeAll')}
            </Button>
          }
          title={t('confirmAllTitle')}
          description={t('confirmAllBody')}
          confirmLabel={t('revokeAll')}
          cancelLabel={t('cancel')}
          onConfirm={() => run(() => api.post('/me/trusted-devices/revoke-all'), t('allRevoked'))}
        />
      </div>
    </div>
  );
}
