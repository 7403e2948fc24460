'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { InlineError } from '@/components/form/inline-error';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import {
  getWebhookDelivery,
  redeliverWebhook,
  type WebhookDelivery,
  type WebhookDeliveryDetailResponse,
} from '@/lib/api/webhooks';
import { useErrorText } from '@/lib/forms/error-text';
import { CodeBlock } from './code-block';

const statusVariant: Record<WebhookDelivery['status'], BadgeProps['variant']> = {
  pending: 'secondary',
  succeeded: 'success',
  failed: 'destructive',
};

export function DeliveryStatusBadge({ status }: { status: WebhookDelivery['status'] }) {
  const t = useTranslations('Webhooks.log.status');
  return (
    <Badge variant={statusVariant[status]} data-testid="webhook-delivery-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}

/** The body as sent, indented when it is JSON (it always is; a parse failure shows it raw). */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One delivery: the signed body and every attempt; "Redeliver" once it has finished. */
export function DeliveryDetailDialog({
  orgId,
  endpointId,
  delivery,
  timeZone,
  canWrite,
  onRedelivered,
}: {
  orgId: string;
  endpointId: string;
  delivery: WebhookDelivery;
  timeZone: string;
  canWrite: boolean;
  onRedelivered: () => void;
}) {
  const t = useTranslations('Webhooks.delivery');
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<WebhookDeliveryDetailResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setDetail(null);
    setError(null);
    getWebhookDelivery(orgId, endpointId, delivery.id, controller.signal)
      .then(setDetail)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorText(e));
      });
    return () => controller.abort();
  }, [open, orgId, endpointId, delivery.id, errorText]);

  async function redeliver() {
    setPending(true);
    setError(null);
    try {
      await redeliverWebhook(orgId, endpointId, delivery.id);
      setOpen(false);
      onRedelivered();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPending(false);
    }
  }

  const finished = (detail?.status ?? delivery.status) !== 'pending';

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" data-testid="webhook-delivery-open">
          {t('open')}
          <span className="sr-only">: {delivery.eventType}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        closeLabel={t('close')}
        className="max-h-[90dvh] max-w-2xl overflow-y-auto"
        data-testid="webhook-delivery-dialog"
      >
        <DialogHeader>
          <DialogTitle>
            <code dir="ltr" className="font-mono">
              {delivery.eventType}
            </code>
          </DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        <InlineError error={error} testId="webhook-delivery-error" />
        {!detail && !error ? (
          <p role="status" className="text-muted-foreground text-sm">
            {t('loading')}
          </p>
        ) : null}
        {detail ? <DeliveryBody detail={detail} timeZone={timeZone} /> : null}
        {canWrite && detail ? (
          <div className="flex flex-wrap items-center gap-3 border-t pt-4">
            <Button
              onClick={redeliver}
              disabled={!finished || pending}
              aria-describedby={finished ? undefined : 'webhook-redeliver-hint'}
              data-testid="webhook-redeliver"
            >
              {t('redeliver')}
            </Button>
            {!finished ? (
              <p id="webhook-redeliver-hint" className="text-muted-foreground text-xs">
                {t('stillPending')}
              </p>
            ) : null}
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function DeliveryBody({ detail, timeZone }: { detail: WebhookDeliveryDetailResponse; timeZone: string }) {
  const t = useTranslations('Webhooks.delivery');
  const format = useFormatter();
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">{t('status')}</dt>
        <dd>
          <DeliveryStatusBadge status={detail.status} />
        </dd>
        <dt className="text-muted-foreground">{t('messageId')}</dt>
        <dd className="break-all font-mono text-xs" dir="ltr">
          {detail.messageId}
        </dd>
        {detail.nextAttemptAt ? (
          <>
            <dt className="text-muted-foreground">{t('nextAttempt')}</dt>
            <dd>{when(detail.nextAttemptAt)}</dd>
          </>
        ) : null}
      </dl>
      <Block title={t('body')} text={pretty(detail.body)} testId="webhook-delivery-body" />
      <section className="flex min-w-0 flex-col gap-3" aria-labelledby="webhook-attempts-title">
        <h3 id="webhook-attempts-title" className="font-semibold text-sm">
          {t('attempts', { count: detail.attempts.length })}
        </h3>
        {detail.attempts.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t('noAttempts')}</p>
        ) : null}
        <ol className="flex flex-col gap-3">
          {detail.attempts.map((attempt) => (
            <li
              key={attempt.number}
              className="flex min-w-0 flex-col gap-2 rounded-lg border p-3"
              data-testid="webhook-attempt"
            >
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                <span className="font-medium">{t('attemptNumber', { number: attempt.number })}</span>
                <span data-testid="webhook-attempt-status">
                  {attempt.responseStatus === null
                    ? t('noResponse')
                    : t('responseStatus', { status: attempt.responseStatus })}
                </span>
                {attempt.durationMs !== null ? (
                  <span className="text-muted-foreground">{t('duration', { ms: attempt.durationMs })}</span>
                ) : null}
                <time className="text-muted-foreground" dateTime={attempt.startedAt}>
                  {when(attempt.startedAt)}
                </time>
              </p>
              {attempt.error ? (
                <p className="break-words text-destructive text-sm" data-testid="webhook-attempt-error">
                  <span className="font-medium">{t('error')}: </span>
                  <span dir="ltr">{attempt.error}</span>
                </p>
              ) : null}
              <Block title={t('requestHeaders')} text={headers(attempt.requestHeaders)} collapsed />
              {attempt.responseHeaders ? (
                <Block title={t('responseHeaders')} text={headers(attempt.responseHeaders)} collapsed />
              ) : null}
              {attempt.responseBody !== null ? (
                <Block title={t('responseBody')} text={attempt.responseBody || t('emptyBody')} collapsed />
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

const headers = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');

/** A titled code block, collapsed behind its title for the long, rarely read parts. */
function Block({
  title,
  text,
  collapsed,
  testId,
}: {
  title: string;
  text: string;
  collapsed?: boolean;
  testId?: string;
}) {
  const pre = <CodeBlock label={title} text={text} testId={testId} />;
  if (collapsed) {
    return (
      <details className="min-w-0">
        <summary className="cursor-pointer text-muted-foreground text-xs hover:text-foreground">
          {title}
        </summary>
        <div className="mt-2">{pre}</div>
      </details>
    );
  }
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <h3 className="font-semibold text-sm">{title}</h3>
      {pre}
    </div>
  );
}
