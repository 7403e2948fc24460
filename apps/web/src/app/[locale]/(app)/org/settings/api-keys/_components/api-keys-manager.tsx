'use client';

import type { ApiKey } from '@repo/contracts';
import { KeyRoundIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { Section } from '@/components/layout/section';
import { Button } from '@/components/ui/button';
import { isApiError } from '@/lib/api/api-error';
import { listApiKeys, revokeApiKey, rotateApiKey } from '@/lib/api/api-keys';
import { useErrorText } from '@/lib/forms/error-text';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { useReauth } from '../../../../_components/reauth-provider';
import { ApiKeyRow } from './api-key-row';
import { CreateKeyDialog } from './create-key-dialog';
import { NewKeyPanel, type RevealedKey } from './new-key-panel';
import { partitionKeys } from './scopes';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; keys: ApiKey[]; nextCursor: string | null };

/**
 * The API keys card: loads the list in the browser (so creating, rotating and revoking update it
 * without a round trip through the server render), and shows a new secret once, until dismissed.
 */
export function ApiKeysManager({
  orgId,
  orgName,
  timeZone,
}: {
  orgId: string;
  orgName: string;
  timeZone: string;
}) {
  const t = useTranslations('ApiKeys');
  const errorText = useErrorText();
  const withReauth = useReauth();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [revealed, setRevealed] = useState<RevealedKey | null>(null);
  const { busy, error: rowError, run } = useRowActions();
  // The row whose own button disappeared (revoked): focus lands on its name instead of the body.
  const [focusRow, setFocusRow] = useState<{ id: string; token: number } | null>(null);
  const focusOn = (id: string) => setFocusRow((current) => ({ id, token: (current?.token ?? 0) + 1 }));
  // Keys changed here stay where they were (status updated) instead of jumping into the
  // collapsed "revoked and expired" group; a reload sorts them.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const answer = await listApiKeys(orgId, { signal });
        setList({ status: 'ready', keys: answer.apiKeys, nextCursor: answer.nextCursor });
      } catch (error) {
        if (signal?.aborted) return;
        // Lost the permission since the page rendered: same words as the server-side check.
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

  /** Puts a changed key in place (or first, when new) without reloading the whole list. */
  const upsert = useCallback((...changed: ApiKey[]) => {
    setList((current) => {
      if (current.status !== 'ready') return current;
      let keys = current.keys;
      for (const key of changed) {
        keys = keys.some((k) => k.id === key.id)
          ? keys.map((k) => (k.id === key.id ? key : k))
          : [key, ...keys];
      }
      return { ...current, keys };
    });
  }, []);

  const loadMore = (cursor: string) =>
    run('more', async () => {
      const answer = await listApiKeys(orgId, { cursor });
      setList((current) => {
        if (current.status !== 'ready') return current;
        const known = new Set(current.keys.map((k) => k.id));
        return {
          status: 'ready',
          keys: [...current.keys, ...answer.apiKeys.filter((k) => !known.has(k.id))],
          nextCursor: answer.nextCursor,
        };
      });
    });

  const rotate = (key: ApiKey) =>
    run(key.id, async () => {
      const answer = await withReauth(() => rotateApiKey(orgId, key.id));
      upsert(answer.previous, answer.apiKey);
      setRevealed({
        kind: 'rotated',
        key: answer.key,
        apiKey: answer.apiKey,
        previousUntil: answer.previous.expiresAt,
      });
      toast.success(t('toast.rotated'));
    });

  const revoke = (key: ApiKey) =>
    run(key.id, async () => {
      upsert(await revokeApiKey(orgId, key.id));
      setTouched((current) => new Set(current).add(key.id));
      focusOn(key.id);
      toast.success(t('toast.revoked'));
    });

  const create = (
    <CreateKeyDialog
      orgId={orgId}
      disabled={list.status !== 'ready'}
      onCreated={(answer) => {
        upsert(answer.apiKey);
        setRevealed({ kind: 'created', key: answer.key, apiKey: answer.apiKey, previousUntil: null });
        toast.success(t('toast.created'));
      }}
    />
  );

  return (
    <Section
      title={t('listTitle')}
      action={list.status === 'error' ? undefined : create}
      testId="api-keys-section"
    >
      <div className="flex flex-col gap-4">
        {revealed ? (
          <NewKeyPanel
            revealed={revealed}
            orgId={orgId}
            timeZone={timeZone}
            onDone={() => {
              setRevealed(null);
              focusOn(revealed.apiKey.id);
            }}
          />
        ) : null}
        <InlineError error={rowError} testId="api-keys-error" />
        {list.status === 'loading' ? <LoadingList label={t('loading')} /> : null}
        {list.status === 'error' ? (
          <div className="flex flex-col items-start gap-3">
            <InlineError error={list.message} testId="api-keys-load-error" />
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
        {list.status === 'ready' && list.keys.length === 0 ? (
          <div
            className="flex flex-col items-center gap-3 rounded-lg border border-dashed p-8 text-center"
            data-testid="api-keys-empty"
          >
            <KeyRoundIcon aria-hidden="true" className="size-8 text-muted-foreground" />
            <h3 className="font-medium">{t('empty.title')}</h3>
            <p className="max-w-sm text-muted-foreground text-sm">{t('empty.body')}</p>
          </div>
        ) : null}
        {list.status === 'ready' && list.keys.length > 0 ? (
          <KeyLists
            keys={list.keys}
            keep={touched}
            render={(key) => (
              <ApiKeyRow
                key={key.id}
                apiKey={key}
                orgId={orgId}
                timeZone={timeZone}
                busy={busy !== null}
                focusToken={focusRow?.id === key.id ? focusRow.token : 0}
                onRotate={() => rotate(key)}
                onRevoke={() => revoke(key)}
              />
            )}
          />
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

function KeyLists({
  keys,
  render,
  keep,
}: {
  keys: ApiKey[];
  render: (key: ApiKey) => ReactNode;
  keep: ReadonlySet<string>;
}) {
  const t = useTranslations('ApiKeys');
  const { live, dead } = partitionKeys(keys, keep);
  return (
    <>
      {live.length > 0 ? (
        <ul className="flex flex-col divide-y rounded-lg border" data-testid="api-keys-list">
          {live.map(render)}
        </ul>
      ) : null}
      {dead.length > 0 ? (
        <details className="group rounded-lg border" data-testid="api-keys-inactive">
          <summary className="cursor-pointer select-none rounded-lg px-4 py-3 font-medium text-muted-foreground text-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring">
            {t('inactive', { count: dead.length })}
          </summary>
          <ul className="flex flex-col divide-y border-t">{dead.map(render)}</ul>
        </details>
      ) : null}
    </>
  );
}

function LoadingList({ label }: { label: string }) {
  return (
    <div aria-busy="true" data-testid="api-keys-loading">
      <p role="status" className="sr-only">
        {label}
      </p>
      <ul aria-hidden="true" className="flex flex-col divide-y rounded-lg border">
        {[0, 1].map((i) => (
          <li key={i} className="flex flex-col gap-3 p-4">
            <div className="h-4 w-40 animate-pulse rounded bg-muted" />
            <div className="h-3 w-64 max-w-full animate-pulse rounded bg-muted" />
            <div className="h-8 w-full animate-pulse rounded bg-muted" />
          </li>
        ))}
      </ul>
    </div>
  );
}
