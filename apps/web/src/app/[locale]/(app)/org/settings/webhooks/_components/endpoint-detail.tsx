'use client';

import type { WebhookEndpoint } from '@repo/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useState } from 'react';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { Section } from '@/components/layout/section';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { isApiError } from '@/lib/api/api-error';
import {
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendWebhookTest,
  updateWebhookEndpoint,
} from '@/lib/api/webhooks';
import { useErrorText } from '@/lib/forms/error-text';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { DeliveryLog } from './delivery-log';
import { EditEndpointDialog } from './edit-endpoint-dialog';
import { LastDelivery, SuccessRate } from './endpoint-stats';
import { DisabledReason, HealthBadge } from './health-badge';
import { RotateSecretDialog } from './rotate-secret-dialog';
import { SecretPanel, type ShownSecret } from './secret-panel';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; endpoint: WebhookEndpoint };

/**
 * One endpoint: its settings and health, the actions on it (edit, enable/disable, secret, test,
 * delete) and its delivery log.
 */
export function EndpointDetail({
  orgId,
  endpointId,
  timeZone,
  canWrite,
  eventTypes,
}: {
  orgId: string;
  endpointId: string;
  timeZone: string;
  canWrite: boolean;
  eventTypes: readonly string[];
}) {
  const t = useTranslations('Webhooks');
  const errorText = useErrorText();
  const router = useRouter();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [shown, setShown] = useState<ShownSecret | null>(null);
  // Bumped after a test event or a redelivery: the log reloads.
  const [logToken, setLogToken] = useState(0);
  const { busy, error, run } = useRowActions();

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setState({ status: 'ready', endpoint: await getWebhookEndpoint(orgId, endpointId, signal) });
      } catch (e) {
        if (signal?.aborted) return;
        setState({
          status: 'error',
          message: isApiError(e) && e.status === 404 ? t('detail.notFound') : errorText(e),
        });
      }
    },
    [orgId, endpointId, t, errorText],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (state.status === 'loading') {
    return (
      <div aria-busy="true" data-testid="webhook-detail-loading">
        <p role="status" className="sr-only">
          {t('loading')}
        </p>
        <div aria-hidden="true" className="h-40 animate-pulse rounded-xl bg-muted" />
      </div>
    );
  }
  if (state.status === 'error') return <InlineError error={state.message} testId="webhook-detail-error" />;

  const { endpoint } = state;
  const setEndpoint = (next: WebhookEndpoint) => setState({ status: 'ready', endpoint: next });

  const toggle = (enabled: boolean) =>
    run('toggle', async () => {
      setEndpoint(await updateWebhookEndpoint(orgId, endpoint.id, { enabled }));
      toast.success(enabled ? t('toast.enabled') : t('toast.disabled'));
    });
  const reveal = () =>
    run('reveal', async () => {
      const answer = await revealWebhookSecret(orgId, endpoint.id);
      setShown({ kind: 'revealed', secret: answer.secret, previousUntil: answer.previousSecretExpiresAt });
    });
  const rotate = (overlapSeconds: number) =>
    run('rotate', async () => {
      const answer = await rotateWebhookSecret(orgId, endpoint.id, overlapSeconds);
      setShown({ kind: 'rotated', secret: answer.secret, previousUntil: answer.previousSecretExpiresAt });
      setEndpoint({ ...endpoint, previousSecretExpiresAt: answer.previousSecretExpiresAt });
      toast.success(t('toast.rotated'));
    });
  const sendTest = () =>
    run('test', async () => {
      await sendWebhookTest(orgId, endpoint.id);
      setLogToken((n) => n + 1);
      toast.success(t('toast.testSent'));
    });
  const remove = () =>
    run('delete', async () => {
      await deleteWebhookEndpoint(orgId, endpoint.id);
      toast.success(t('toast.deleted'));
      router.push('/org/settings/webhooks');
    });

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <Section
        title={t('detail.settingsTitle')}
        action={
          canWrite ? (
            <EditEndpointDialog
              orgId={orgId}
              endpoint={endpoint}
              eventTypes={eventTypes}
              disabled={busy !== null || eventTypes.length === 0}
              onSaved={(next) => {
                setEndpoint(next);
                toast.success(t('toast.saved'));
              }}
            />
          ) : undefined
        }
        testId="webhook-detail"
      >
        <div className="flex min-w-0 flex-col gap-4">
          <InlineError error={error} testId="webhook-detail-action-error" />
          {shown ? <SecretPanel shown={shown} timeZone={timeZone} onDone={() => setShown(null)} /> : null}
          <EndpointFacts endpoint={endpoint} timeZone={timeZone} />
          {canWrite ? <EnabledSwitch endpoint={endpoint} disabled={busy !== null} onChange={toggle} /> : null}
          {canWrite ? (
            <div className="flex flex-wrap gap-2 border-t pt-4">
              <Button
                variant="outline"
                size="sm"
                disabled={busy !== null}
                onClick={sendTest}
                data-testid="webhook-send-test"
              >
                {t('actions.sendTest')}
              </Button>
              <Button
                variant="outline"
                size="sm"
                disabled={busy !== null}
                onClick={reveal}
                data-testid="webhook-reveal"
              >
                {t('actions.reveal')}
              </Button>
              <RotateSecretDialog disabled={busy !== null} onConfirm={rotate} />
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" disabled={busy !== null} data-testid="webhook-delete">
                    {t('actions.delete')}
                  </Button>
                }
                title={t('deleteDialog.title')}
                description={t('deleteDialog.body')}
                confirmLabel={t('deleteDialog.confirm')}
                cancelLabel={t('deleteDialog.cancel')}
                onConfirm={remove}
              />
            </div>
          ) : null}
        </div>
      </Section>
      <DeliveryLog
        orgId={orgId}
        endpointId={endpoint.id}
        timeZone={timeZone}
        canWrite={canWrite}
        eventTypes={eventTypes}
        reloadToken={logToken}
        onRedelivered={() => setLogToken((n) => n + 1)}
      />
    </div>
  );
}

function EndpointFacts({ endpoint, timeZone }: { endpoint: WebhookEndpoint; timeZone: string }) {
  const t = useTranslations('Webhooks');
  const format = useFormatter();
  const date = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return (
    <dl className="grid min-w-0 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
      <dt className="text-muted-foreground">{t('detail.url')}</dt>
      <dd className="min-w-0 break-all font-mono text-xs" dir="ltr" data-testid="webhook-detail-url">
        {endpoint.url}
      </dd>
      {endpoint.description ? (
        <>
          <dt className="text-muted-foreground">{t('detail.description')}</dt>
          <dd className="min-w-0 break-words">{endpoint.description}</dd>
        </>
      ) : null}
      <dt className="text-muted-foreground">{t('columns.health')}</dt>
      <dd className="flex flex-col items-start gap-1">
        <HealthBadge endpoint={endpoint} />
        <DisabledReason endpoint={endpoint} />
      </dd>
      <dt className="text-muted-foreground">{t('detail.events')}</dt>
      <dd>
        <ul className="flex flex-wrap gap-1.5" data-testid="webhook-detail-events">
          {endpoint.eventTypes.map((filter) => (
            <li key={filter}>
              <Badge variant="outline">
                <code dir="ltr">{filter === '*' ? t('form.allEvents') : filter}</code>
              </Badge>
            </li>
          ))}
        </ul>
      </dd>
      <dt className="text-muted-foreground">{t('detail.ordered')}</dt>
      <dd>{endpoint.ordered ? t('detail.orderedYes') : t('detail.orderedNo')}</dd>
      <dt className="text-muted-foreground">{t('columns.rate')}</dt>
      <dd>
        <SuccessRate endpoint={endpoint} />
      </dd>
      <dt className="text-muted-foreground">{t('columns.last')}</dt>
      <dd>
        <LastDelivery endpoint={endpoint} timeZone={timeZone} />
      </dd>
      {endpoint.previousSecretExpiresAt ? (
        <>
          <dt className="text-muted-foreground">{t('detail.previousSecret')}</dt>
          <dd>{t('detail.previousSecretUntil', { date: date(endpoint.previousSecretExpiresAt) })}</dd>
        </>
      ) : null}
      <dt className="text-muted-foreground">{t('detail.created')}</dt>
      <dd>{date(endpoint.createdAt)}</dd>
    </dl>
  );
}

function EnabledSwitch({
  endpoint,
  disabled,
  onChange,
}: {
  endpoint: WebhookEndpoint;
  disabled: boolean;
  onChange: (enabled: boolean) => void;
}) {
  const t = useTranslations('Webhooks.detail');
  const id = useId();
  return (
    <div className="flex items-start gap-3 border-t pt-4">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={endpoint.enabled}
        aria-checked={endpoint.enabled}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-describedby={`${id}-hint`}
        className="mt-0.5 size-4 shrink-0 accent-primary"
        data-testid="webhook-enabled"
      />
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="font-medium text-sm">
          {t('enabledLabel')}
        </label>
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {endpoint.enabled ? t('enabledHint') : t('disabledHint')}
        </p>
      </div>
    </div>
  );
}
