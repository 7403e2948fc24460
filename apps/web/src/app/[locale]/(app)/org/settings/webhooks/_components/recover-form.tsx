'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useId, useState } from 'react';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { SubmitButton } from '@/components/form/submit-button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { recoverWebhooks } from '@/lib/api/webhooks';
import { useErrorText } from '@/lib/forms/error-text';
import { isoToZoned, zonedToIso } from './zoned-time';

/** "Recover failed messages since <time>": sends every failed delivery since then again. */
export function RecoverForm({
  orgId,
  endpointId,
  timeZone,
  onRecovered,
}: {
  orgId: string;
  endpointId: string;
  timeZone: string;
  onRecovered: () => void;
}) {
  const t = useTranslations('Webhooks.recover');
  const errorText = useErrorText();
  const id = useId();
  const [since, setSince] = useState(() =>
    isoToZoned(new Date(Date.now() - 86_400_000).toISOString(), timeZone),
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const iso = zonedToIso(since, timeZone);
    if (!iso) {
      setError(t('invalid'));
      return;
    }
    setError(null);
    setPending(true);
    try {
      const answer = await recoverWebhooks(orgId, endpointId, iso);
      toast.success(t('done', { count: answer.redelivered }));
      onRecovered();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-2 border-t pt-4"
      data-testid="webhook-recover"
    >
      <Label htmlFor={`${id}-since`}>{t('label', { timeZone })}</Label>
      <div className="flex flex-wrap items-start gap-2">
        <Input
          id={`${id}-since`}
          type="datetime-local"
          value={since}
          onChange={(event) => setSince(event.currentTarget.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          className="w-auto max-w-full"
        />
        <SubmitButton
          pending={pending}
          label={t('submit')}
          pendingLabel={t('submitting')}
          variant="outline"
        />
      </div>
      <p id={`${id}-hint`} className="text-muted-foreground text-xs">
        {t('hint')}
      </p>
      <InlineError error={error} testId="webhook-recover-error" />
    </form>
  );
}
