'use client';

import type { ApiKey } from '@repo/contracts';
import { CopyIcon, TriangleAlertIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

export type RevealedKey = {
  kind: 'created' | 'rotated';
  /** The full secret: only ever in this state, never stored or logged. */
  key: string;
  apiKey: ApiKey;
  /** After a rotation: until when the previous key keeps working. */
  previousUntil: string | null;
};

type Copied = 'key' | 'example' | 'failed' | null;

/**
 * The one time a key's secret is visible (the API keeps only its hash): copy it, see how to use
 * it, then dismiss. Takes focus when it appears so keyboard and screen-reader users land here.
 */
export function NewKeyPanel({
  revealed,
  orgId,
  timeZone,
  onDone,
}: {
  revealed: RevealedKey;
  orgId: string;
  timeZone: string;
  onDone: () => void;
}) {
  const t = useTranslations('ApiKeys.reveal');
  const format = useFormatter();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<Copied>(null);

  // A new secret (another rotation) moves focus here again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the secret on purpose.
  useEffect(() => {
    setCopied(null);
    headingRef.current?.focus();
  }, [revealed.key]);

  // Browser calls go through the same-origin gateway, which is also the public API address.
  const apiBase = `${window.location.origin}/api`;
  const example = `curl -H "Authorization: Bearer ${revealed.key}" ${apiBase}/v1/orgs/${orgId}`;

  async function copy(text: string, what: 'key' | 'example') {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied('failed');
    }
  }

  const status =
    copied === 'key'
      ? t('copied')
      : copied === 'example'
        ? t('exampleCopied')
        : copied === 'failed'
          ? t('copyFailed')
          : null;

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4 rounded-lg border border-primary/40 bg-accent/40 p-4"
      data-testid="api-key-reveal"
      data-kind={revealed.kind}
    >
      <h3
        id={`${id}-title`}
        ref={headingRef}
        tabIndex={-1}
        className="font-semibold focus:outline-none focus-visible:outline-2 focus-visible:outline-ring"
      >
        {revealed.kind === 'created' ? t('createdTitle') : t('rotatedTitle')}
      </h3>
      <p className="flex items-start gap-2 text-sm">
        <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
        <span>{t('warning')}</span>
      </p>
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-key`}>{t('keyLabel', { name: revealed.apiKey.name })}</Label>
        <div className="flex flex-wrap gap-2 sm:flex-nowrap">
          <Input
            id={`${id}-key`}
            readOnly
            value={revealed.key}
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs md:text-xs rtl:text-end"
            onFocus={(event) => event.currentTarget.select()}
            data-testid="api-key-secret"
          />
          <Button type="button" variant="outline" onClick={() => copy(revealed.key, 'key')}>
            <CopyIcon aria-hidden="true" />
            {t('copy')}
          </Button>
        </div>
      </div>
      {revealed.previousUntil ? (
        <p className="text-sm" data-testid="api-key-previous-until">
          {t('previousUntil', {
            date: format.dateTime(new Date(revealed.previousUntil), {
              dateStyle: 'medium',
              timeStyle: 'short',
              timeZone,
            }),
          })}
        </p>
      ) : null}
      <div className="flex flex-col gap-2">
        <p className="font-medium text-sm">{t('exampleLabel')}</p>
        <p className="text-muted-foreground text-xs">{t('exampleLead')}</p>
        <pre
          dir="ltr"
          className="overflow-x-auto whitespace-pre-wrap break-all rounded-md border bg-background p-3 text-start font-mono text-xs"
          data-testid="api-key-example"
        >
          <code>{example}</code>
        </pre>
        <div>
          <Button type="button" variant="outline" size="sm" onClick={() => copy(example, 'example')}>
            <CopyIcon aria-hidden="true" />
            {t('copyExample')}
          </Button>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={onDone} data-testid="api-key-reveal-done">
          {t('done')}
        </Button>
        <p role="status" className="text-muted-foreground text-sm">
          {status}
        </p>
      </div>
    </section>
  );
}
