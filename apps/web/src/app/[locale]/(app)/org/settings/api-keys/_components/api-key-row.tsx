'use client';

import type { ApiKey } from '@repo/contracts';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { datesFor } from '@/lib/i18n/dates';
import { splitScope } from './scopes';
import { UsageChart } from './usage-chart';

const statusVariant: Record<ApiKey['status'], BadgeProps['variant']> = {
  active: 'success',
  expiring: 'secondary',
  expired: 'outline',
  revoked: 'outline',
};

/** One key: identity, scopes, status, dates, last use, 30-day usage, and its actions. */
export function ApiKeyRow({
  apiKey,
  orgId,
  timeZone,
  busy,
  focusToken,
  onRotate,
  onRevoke,
}: {
  apiKey: ApiKey;
  orgId: string;
  timeZone: string;
  busy: boolean;
  /** Moves focus to the key's name whenever it changes to a new non-zero value (the button the
   * user pressed is gone: revoked key, dismissed secret). */
  focusToken: number;
  onRotate: () => void;
  onRevoke: () => void;
}) {
  const t = useTranslations('ApiKeys');
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const nameRef = useRef<HTMLHeadingElement>(null);
  const { name, status } = apiKey;
  const date = datesFor(format, timeZone).dateTime;

  useEffect(() => {
    if (focusToken > 0) nameRef.current?.focus();
  }, [focusToken]);

  const created = date(apiKey.createdAt);
  const live = status === 'active' || status === 'expiring';

  return (
    <li
      className="flex flex-col gap-3 p-4"
      data-testid="api-key-row"
      data-key-id={apiKey.id}
      data-status={status}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <h3
            ref={nameRef}
            tabIndex={-1}
            className="flex flex-wrap items-center gap-2 font-medium focus:outline-none focus-visible:outline-2 focus-visible:outline-ring"
          >
            <span className="truncate" data-testid="api-key-name">
              {name}
            </span>
            <Badge variant={statusVariant[status]} data-testid="api-key-status">
              {status === 'expiring' && apiKey.expiresAt
                ? t('status.expiring', { date: date(apiKey.expiresAt) })
                : t(`status.${status === 'expiring' ? 'active' : status}`)}
            </Badge>
          </h3>
          <p className="text-muted-foreground text-xs">
            <span className="sr-only">{t('prefixLabel')}: </span>
            <code dir="ltr" className="font-mono" data-testid="api-key-prefix">
              {apiKey.prefix}…
            </code>
          </p>
        </div>
        {live ? (
          <div className="flex flex-wrap gap-2">
            {status === 'active' ? (
              <ConfirmDialog
                trigger={
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={busy}
                    aria-label={t('actions.rotateLabel', { name })}
                    data-testid="api-key-rotate"
                  >
                    {t('actions.rotate')}
                  </Button>
                }
                title={t('rotateDialog.title', { name })}
                description={t('rotateDialog.body')}
                confirmLabel={t('rotateDialog.confirm')}
                cancelLabel={t('actions.cancel')}
                onConfirm={onRotate}
              />
            ) : null}
            <ConfirmDialog
              trigger={
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={busy}
                  aria-label={t('actions.revokeLabel', { name })}
                  data-testid="api-key-revoke"
                >
                  {t('actions.revoke')}
                </Button>
              }
              title={t('revokeDialog.title', { name })}
              description={t('revokeDialog.body')}
              confirmLabel={t('revokeDialog.confirm')}
              cancelLabel={t('actions.cancel')}
              onConfirm={onRevoke}
            />
          </div>
        ) : null}
      </div>

      <ul className="flex flex-wrap gap-1.5" aria-label={t('scopesLabel')} data-testid="api-key-scopes">
        {apiKey.scopes.map((scope) => {
          const { resource, access } = splitScope(scope);
          return (
            <li key={scope}>
              <Badge variant="outline" data-scope={scope}>
                {t('scopeBadge', { resource: t(`resources.${resource}`), access: t(`access.${access}`) })}
              </Badge>
            </li>
          );
        })}
      </ul>

      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,14rem)] sm:items-end">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-xs">
          <dt className="text-muted-foreground">{t('createdLabel')}</dt>
          <dd>
            {apiKey.createdBy
              ? t('createdBy', { date: created, name: apiKey.createdBy.name })
              : t('createdByFormer', { date: created })}
          </dd>
          {apiKey.revokedAt ? (
            <>
              <dt className="text-muted-foreground">{t('revokedLabel')}</dt>
              <dd>{date(apiKey.revokedAt)}</dd>
            </>
          ) : (
            <>
              <dt className="text-muted-foreground">{t('expiresLabel')}</dt>
              <dd data-testid="api-key-expires">{apiKey.expiresAt ? date(apiKey.expiresAt) : t('never')}</dd>
            </>
          )}
          <dt className="text-muted-foreground">{t('lastUsedLabel')}</dt>
          <dd data-testid="api-key-last-used">
            {apiKey.lastUsedAt ? (
              <time dateTime={apiKey.lastUsedAt} title={date(apiKey.lastUsedAt)}>
                {apiKey.lastUsedIp
                  ? t('lastUsedFrom', {
                      time: format.relativeTime(new Date(apiKey.lastUsedAt), now),
                      // Left-to-right isolate: an address reads the same inside Arabic text.
                      ip: `\u2066${apiKey.lastUsedIp}\u2069`,
                    })
                  : format.relativeTime(new Date(apiKey.lastUsedAt), now)}
              </time>
            ) : (
              t('neverUsed')
            )}
          </dd>
        </dl>
        <UsageChart orgId={orgId} keyId={apiKey.id} name={name} />
      </div>
    </li>
  );
}
