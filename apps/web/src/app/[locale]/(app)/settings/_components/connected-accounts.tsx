'use client';

import { type IdentityView, LinkStartResponse, type SsoProviderView } from '@repo/contracts';
import { LinkIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { InlineError } from '@/components/form/inline-error';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { useRouter } from '@/i18n/navigation';
import { isApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';
import { useErrorText } from '@/lib/forms/error-text';
import { useReauth } from '../../_components/reauth-provider';

type Row = { key: string; label: string; provider?: SsoProviderView; identity?: IdentityView };

/** Providers next to the identities linked to them: connect (sudo) or disconnect (confirm). */
export function ConnectedAccounts({
  providers,
  identities,
}: {
  providers: SsoProviderView[];
  identities: IdentityView[];
}) {
  const t = useTranslations('Connected');
  const withReauth = useReauth();
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const rows: Row[] = providers.map((p) => ({
    key: p.id,
    label: p.label,
    provider: p,
    identity: identities.find((i) => i.provider === p.id),
  }));
  // Identities of a provider no longer configured can still be removed.
  for (const identity of identities) {
    if (!providers.some((p) => p.id === identity.provider))
      rows.push({ key: identity.id, label: identity.provider, identity });
  }

  async function run(key: string, action: () => Promise<void>) {
    setBusy(key);
    setError(null);
    try {
      await withReauth(action);
    } catch (e) {
      if (isApiError(e, 'reauth_cancelled')) return;
      setError(isApiError(e, 'last_sign_in_method') ? t('lastMethod') : errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const connect = (p: SsoProviderView) =>
    run(p.id, async () => {
      const { url } = await api.post(
        `/me/identities/${encodeURIComponent(p.id)}/link/start`,
        {},
        { schema: LinkStartResponse },
      );
      // The provider's own page: a full navigation; it comes back through the API's callback.
      window.location.assign(url);
      await new Promise(() => {});
    });

  const disconnect = (row: Row, identity: IdentityView) =>
    run(row.key, async () => {
      await api.delete(`/me/identities/${encodeURIComponent(identity.id)}`);
      toast.success(t('unlinked', { provider: row.label }));
      router.refresh();
    });

  if (rows.length === 0) return <p className="text-muted-foreground text-sm">{t('none')}</p>;

  return (
    <div className="flex flex-col gap-4">
      <InlineError error={error} testId="connected-error" />
      <ul className="divide-y rounded-lg border" data-testid="connected-accounts">
        {rows.map((row) => (
          <li
            key={row.key}
            className="flex flex-wrap items-center gap-4 p-4"
            data-testid="connected-row"
            data-provider={row.provider?.id ?? row.identity?.provider}
            data-linked={row.identity ? true : undefined}
          >
            <LinkIcon aria-hidden="true" className="size-5 shrink-0 text-muted-foreground" />
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <p className="font-medium text-sm">{row.label}</p>
              <p className="text-muted-foreground text-xs">
                {row.identity ? (
                  row.identity.email ? (
                    <bdi dir="ltr">{row.identity.email}</bdi>
                  ) : (
                    t('linked')
                  )
                ) : (
                  t('notLinked')
                )}
              </p>
            </div>
            {row.identity ? (
              <ConfirmDialog
                trigger={
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={busy !== null}
                    aria-label={t('unlinkLabel', { provider: row.label })}
                  >
                    {t('unlink')}
                  </Button>
                }
                title={t('confirmTitle', { provider: row.label })}
                description={t('confirmBody', { provider: row.label })}
                confirmLabel={t('unlink')}
                cancelLabel={t('cancel')}
                onConfirm={() => row.identity && disconnect(row, row.identity)}
              />
            ) : row.provider ? (
              <Button
                variant="outline"
                size="sm"
                disabled={busy !== null}
                aria-label={t('linkLabel', { provider: row.label })}
                onClick={() => row.provider && connect(row.provider)}
              >
                {t('link')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
