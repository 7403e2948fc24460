'use client';

import type { WebhookEndpoint } from '@repo/contracts';
import { WebhookIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { DataTable, tdClass } from '@/components/data-table';
import { InlineError } from '@/components/form/inline-error';
import { Section } from '@/components/layout/section';
import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { isApiError } from '@/lib/api/api-error';
import { listWebhookEndpoints } from '@/lib/api/webhooks';
import { useErrorText } from '@/lib/forms/error-text';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { CreateEndpointDialog } from './create-endpoint-dialog';
import { LastDelivery, SuccessRate } from './endpoint-stats';
import { DisabledReason, HealthBadge } from './health-badge';
import { SecretPanel, type ShownSecret } from './secret-panel';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; endpoints: WebhookEndpoint[]; nextCursor: string | null };

/**
 * The endpoints card: loads the list in the browser, adds endpoints, and shows a new endpoint's
 * signing secret once (it can be revealed again on the endpoint's page).
 */
export function WebhooksManager({
  orgId,
  orgName,
  timeZone,
  canWrite,
  eventTypes,
}: {
  orgId: string;
  orgName: string;
  timeZone: string;
  canWrite: boolean;
  eventTypes: readonly string[];
}) {
  const t = useTranslations('Webhooks');
  const errorText = useErrorText();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const { busy, error: rowError, run } = useRowActions();

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const answer = await listWebhookEndpoints(orgId, { signal });
        setList({ status: 'ready', endpoints: answer.endpoints, nextCursor: answer.nextCursor });
      } catch (error) {
        if (signal?.aborted) return;
        const denied = isApiError(error) && (error.status === 403 || error.status === 404);
        setList({
          status: 'error',
          message: denied ? t('noAccess.body', { org: orgName }) : errorText(error),
        });
      }
    },
    [orgId, orgName, t, errorText],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const loadMore = (cursor: string) =>
    run('more', async () => {
      const answer = await listWebhookEndpoints(orgId, { cursor });
      setList((current) => {
        if (current.status !== 'ready') return current;
        const known = new Set(current.endpoints.map((e) => e.id));
        return {
          status: 'ready',
          endpoints: [...current.endpoints, ...answer.endpoints.filter((e) => !known.has(e.id))],
          nextCursor: answer.nextCursor,
        };
      });
    });

  const create =
    canWrite && list.status !== 'error' ? (
      <CreateEndpointDialog
        orgId={orgId}
        eventTypes={eventTypes}
        disabled={list.status !== 'ready' || eventTypes.length === 0}
        onCreated={(answer) => {
          setList((current) =>
            current.status === 'ready'
              ? { ...current, endpoints: [answer.endpoint, ...current.endpoints] }
              : current,
          );
          setShown({ kind: 'created', secret: answer.secret, previousUntil: null });
          toast.success(t('toast.created'));
        }}
      />
    ) : undefined;

  return (
    <Section title={t('listTitle')} action={create} testId="webhooks-section">
      <div className="flex min-w-0 flex-col gap-4">
        {shown ? <SecretPanel shown={shown} timeZone={timeZone} onDone={() => setShown(null)} /> : null}
        <InlineError error={rowError} testId="webhooks-error" />
        {list.status === 'loading' ? (
          <div aria-busy="true" data-testid="webhooks-loading">
            <p role="status" className="sr-only">
              {t('loading')}
            </p>
            <div aria-hidden="true" className="flex flex-col gap-2 rounded-lg border p-4">
              <div className="h-4 w-64 max-w-full animate-pulse rounded bg-muted" />
              <div className="h-4 w-48 max-w-full animate-pulse rounded bg-muted" />
            </div>
          </div>
        ) : null}
        {list.status === 'error' ? (
          <div className="flex flex-col items-start gap-3">
            <InlineError error={list.message} testId="webhooks-load-error" />
            <Button
              variant="outline"
              size="sm"
              onClick={() => {
                setList({ status: 'loading' });
                void load();
              }}
            >
              {t('retry')}
            </Button>
          </div>
        ) : null}
        {list.status === 'ready' && list.endpoints.length === 0 ? (
          <div
            className="flex flex-col items-center gap-3 rounded-lg border border-dashed p-8 text-center"
            data-testid="webhooks-empty"
          >
            <WebhookIcon aria-hidden="true" className="size-8 text-muted-foreground" />
            <h3 className="font-medium">{t('empty.title')}</h3>
            <p className="max-w-sm text-muted-foreground text-sm">{t('empty.body')}</p>
          </div>
        ) : null}
        {list.status === 'ready' && list.endpoints.length > 0 ? (
          <DataTable
            label={t('listTitle')}
            minWidth="48rem"
            columns={[t('columns.endpoint'), t('columns.health'), t('columns.rate'), t('columns.last')]}
            testId="webhooks-table"
          >
            {list.endpoints.map((endpoint) => (
              <tr key={endpoint.id} data-testid="webhook-row" data-endpoint-id={endpoint.id}>
                <th scope="row" className={`${tdClass} max-w-80 text-start font-normal`}>
                  <Link
                    href={`/org/settings/webhooks/${endpoint.id}`}
                    className="break-all font-medium font-mono text-xs underline-offset-4 hover:underline"
                    dir="ltr"
                    data-testid="webhook-url"
                  >
                    {endpoint.url}
                  </Link>
                  {endpoint.description ? (
                    <p className="text-muted-foreground text-xs">{endpoint.description}</p>
                  ) : null}
                </th>
                <td className={tdClass}>
                  <div className="flex flex-col items-start gap-1">
                    <HealthBadge endpoint={endpoint} />
                    <DisabledReason endpoint={endpoint} />
                  </div>
                </td>
                <td className={tdClass}>
                  <SuccessRate endpoint={endpoint} />
                </td>
                <td className={tdClass}>
                  <LastDelivery endpoint={endpoint} timeZone={timeZone} />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {list.status === 'ready' && list.nextCursor ? (
          <div>
            <Button
              variant="outline"
              size="sm"
              disabled={busy !== null}
              onClick={() => list.nextCursor && loadMore(list.nextCursor)}
            >
              {t('more')}
            </Button>
          </div>
        ) : null}
      </div>
    </Section>
  );
}
