'use client';

import { BackupCodesResponse, type TwoFactorStatus } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import type { z } from 'zod';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { isApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';
import { useErrorText } from '@/lib/forms/error-text';
import { useReauth } from '../../../_components/reauth-provider';
import { BackupCodes } from './backup-codes';
import { EnrolFlow } from './enrol-flow';

/** 2FA state for the security page: enrol when off; backup codes and disable when on. */
export function TwoFactorPanel({
  status,
  onEnrolled,
}: {
  status: z.infer<typeof TwoFactorStatus>;
  onEnrolled?: () => void;
}) {
  const t = useTranslations('TwoFactor');
  const withReauth = useReauth();
  const router = useRouter();
  const errorText = useErrorText();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await withReauth(action);
    } catch (e) {
      if (!isApiError(e, 'reauth_cancelled')) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (!status.enabled) {
    return (
      <EnrolFlow
        onFinished={() => {
          toast.success(t('enrol.done'));
          if (onEnrolled) onEnrolled();
          else router.refresh();
        }}
      />
    );
  }

  if (codes) {
    return (
      <BackupCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  }

  const left = status.backupCodesRemaining;
  return (
    <div className="flex flex-col gap-4" data-testid="two-factor-enabled">
      <InlineError error={error} />
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Badge variant="success">{t('on')}</Badge>
        {typeof left === 'number' ? (
          <span className="text-muted-foreground">{t('codesLeft', { count: left })}</span>
        ) : null}
      </p>
      <div className="flex flex-wrap gap-2">
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" disabled={busy}>
              {t('regenerate')}
            </Button>
          }
          title={t('regenerateTitle')}
          description={t('regenerateBody')}
          confirmLabel={t('regenerate')}
          cancelLabel={t('cancel')}
          onConfirm={() =>
            run(async () => {
              const answer = await api.post(
                '/me/two-factor/backup-codes',
                {},
                { schema: BackupCodesResponse },
              );
              setCodes(answer.backupCodes);
            })
          }
        />
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" disabled={busy} data-testid="two-factor-disable">
              {t('disable')}
            </Button>
          }
          title={t('disableTitle')}
          description={t('disableBody')}
          confirmLabel={t('disable')}
          cancelLabel={t('cancel')}
          onConfirm={() =>
            run(async () => {
              await api.delete('/me/two-factor');
              toast.success(t('disabled'));
              router.refresh();
            })
          }
        />
      </div>
    </div>
  );
}
