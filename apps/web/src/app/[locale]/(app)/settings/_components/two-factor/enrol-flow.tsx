'use client';

import { BackupCodesResponse, TwoFactorConfirmBody, TwoFactorEnrolResponse } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { z } from 'zod';
import { FormAlert } from '@/components/form/form-alert';
import { SubmitButton } from '@/components/form/submit-button';
import { TextField } from '@/components/form/text-field';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api/client';
import { useErrorText } from '@/lib/forms/error-text';
import { useApiForm } from '@/lib/forms/use-api-form';
import { useReauth } from '../../../_components/reauth-provider';
import { BackupCodes } from './backup-codes';

/**
 * The QR code is SVG text from our own API. It is shown through an <img> data URL, never
 * injected as markup: an image cannot run script or reach the page even if the text were hostile.
 */
const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** "ABCD EFGH …": easier to type from another screen. */
const groupKey = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/** Set up → scan/type the key → confirm with a first code → backup codes (shown once). */
export function EnrolFlow({ onFinished }: { onFinished: () => void }) {
  const t = useTranslations('TwoFactor.enrol');
  const withReauth = useReauth();
  const errorText = useErrorText();
  const [setup, setSetup] = useState<z.infer<typeof TwoFactorEnrolResponse> | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const form = useApiForm({
    schema: TwoFactorConfirmBody,
    values: (data: FormData) => ({ code: String(data.get('code') ?? '').replace(/\s+/g, '') }),
    submit: async (body) => {
      const answer = await api.post('/me/two-factor/confirm', body, { schema: BackupCodesResponse });
      setCodes(answer.backupCodes);
    },
  });

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      setSetup(
        await withReauth(() => api.post('/me/two-factor/enrol', {}, { schema: TwoFactorEnrolResponse })),
      );
    } catch (error) {
      if ((error as { code?: string }).code !== 'reauth_cancelled') setStartError(errorText(error));
    } finally {
      setStarting(false);
    }
  }

  if (codes) return <BackupCodes codes={codes} onDone={onFinished} />;

  if (!setup) {
    return (
      <div className="flex flex-col items-start gap-4">
        {startError ? <FormAlert>{startError}</FormAlert> : null}
        <Button type="button" onClick={start} disabled={starting} data-testid="two-factor-start">
          {t('start')}
        </Button>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6" data-testid="two-factor-enrol">
      <ol className="flex list-decimal flex-col gap-4 ps-5 text-sm">
        <li className="flex flex-col gap-3">
          <span>{t('scan')}</span>
          {/* biome-ignore lint/performance/noImgElement: a data URL; next/image adds nothing here. */}
          <img
            src={svgDataUrl(setup.qrSvg)}
            alt={t('qrAlt')}
            width={192}
            height={192}
            className="size-48 rounded-md border bg-white p-2"
            data-testid="two-factor-qr"
          />
          <span>{t('manual')}</span>
          <code
            dir="ltr"
            className="w-fit select-all break-all rounded-md border bg-muted/40 px-3 py-2 font-mono text-sm"
            data-testid="two-factor-secret"
          >
            {groupKey(setup.secret)}
          </code>
        </li>
        <li className="flex flex-col gap-3">
          <span>{t('confirmLead')}</span>
          <form
            ref={form.formRef}
            method="post"
            noValidate
            onSubmit={form.onSubmit}
            className="flex max-w-xs flex-col gap-4"
            aria-busy={form.pending}
          >
            {form.formError ? <FormAlert>{form.formError}</FormAlert> : null}
            <TextField
              name="code"
              label={t('codeLabel')}
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={6}
              dir="ltr"
              className="[&_input]:font-mono [&_input]:tracking-[0.3em] rtl:[&_input]:text-end"
              required
              error={form.fieldErrors.code}
            />
            <div>
              <SubmitButton pending={form.pending} label={t('confirm')} pendingLabel={t('confirming')} />
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
