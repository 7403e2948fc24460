'use client';

import { CopyIcon, TriangleAlertIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

export type ShownSecret = {
  kind: 'created' | 'revealed' | 'rotated';
  /** The signing secret: only ever in this state, never stored or logged by the page. */
  secret: string;
  /** After a rotation: until when the previous secret still signs too. */
  previousUntil: string | null;
};

/**
 * A signing secret on screen: copy it, then dismiss. Takes focus when it appears so keyboard and
 * screen-reader users land here.
 */
export function SecretPanel({
  shown,
  timeZone,
  onDone,
}: {
  shown: ShownSecret;
  timeZone: string;
  onDone: () => void;
}) {
  const t = useTranslations('Webhooks.secret');
  const format = useFormatter();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the secret on purpose.
  useEffect(() => {
    setCopied(null);
    headingRef.current?.focus();
  }, [shown.secret]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-primary/40 bg-accent/40 p-4"
      data-testid="webhook-secret-panel"
      data-kind={shown.kind}
    >
      <h3
        id={`${id}-title`}
        ref={headingRef}
        tabIndex={-1}
        className="font-semibold focus:outline-none focus-visible:outline-2 focus-visible:outline-ring"
      >
        {t(`${shown.kind}Title`)}
      </h3>
      {shown.kind === 'created' ? (
        <p className="flex items-start gap-2 text-sm">
          <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
          <span>{t('createdWarning')}</span>
        </p>
      ) : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-secret`}>{t('label')}</Label>
        <div className="flex flex-wrap gap-2 sm:flex-nowrap">
          <Input
            id={`${id}-secret`}
            readOnly
            value={shown.secret}
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs md:text-xs rtl:text-end"
            onFocus={(event) => event.currentTarget.select()}
            data-testid="webhook-secret"
          />
          <Button type="button" variant="outline" onClick={copy}>
            <CopyIcon aria-hidden="true" />
            {t('copy')}
          </Button>
        </div>
      </div>
      {shown.previousUntil ? (
        <p className="text-sm" data-testid="webhook-previous-until">
          {t('previousUntil', {
            date: format.dateTime(new Date(shown.previousUntil), {
              dateStyle: 'medium',
              timeStyle: 'short',
              timeZone,
            }),
          })}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={onDone} data-testid="webhook-secret-done">
          {t('done')}
        </Button>
        <p role="status" className="text-muted-foreground text-sm">
          {copied === 'ok' ? t('copied') : copied === 'failed' ? t('copyFailed') : null}
        </p>
      </div>
    </section>
  );
}
