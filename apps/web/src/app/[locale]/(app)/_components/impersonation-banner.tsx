'use client';

import type { ImpersonationInfo } from '@repo/contracts';
import { Loader2Icon, VenetianMaskIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { impersonationApi } from '@/lib/api/impersonation';
import { signInPath } from '@/lib/auth/paths';
import { useErrorText } from '@/lib/forms/error-text';
import { formatRemaining } from '@/lib/impersonation/remaining';

/**
 * Shown on every signed-in page while an admin acts as a user (D1, ADR 0019): who, as whom, how
 * long is left, and the way back. At the time limit it ends the impersonation by itself, which
 * brings the admin's own session back (the API kept it aside) and returns to the user's page.
 */
export function ImpersonationBanner({ impersonation }: { impersonation: ImpersonationInfo }) {
  const t = useTranslations('Impersonation');
  const locale = useLocale();
  const errorText = useErrorText();
  const until = Date.parse(impersonation.expiresAt);
  const [left, setLeft] = useState(() => until - Date.now());
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ended = useRef(false);

  const end = useCallback(async () => {
    if (ended.current) return;
    ended.current = true;
    setEnding(true);
    setError(null);
    try {
      const result = await impersonationApi.end();
      // A full navigation: every server component must re-render as the admin.
      window.location.assign(
        result.restored
          ? `/${locale}/admin/users/${result.userId ?? impersonation.user.id}`
          : signInPath(locale, `/${locale}/admin/users/${impersonation.user.id}`),
      );
    } catch (e) {
      ended.current = false;
      setEnding(false);
      setError(errorText(e));
    }
  }, [errorText, impersonation.user.id, locale]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const remaining = until - Date.now();
      setLeft(remaining);
      if (remaining <= 0) void end();
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until, end]);

  return (
    <section
      aria-label={t('label')}
      data-testid="impersonation-banner"
      className="border-amber-300 border-b bg-amber-100 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm sm:px-6">
        <VenetianMaskIcon aria-hidden="true" className="size-4 shrink-0" />
        <p className="min-w-0 flex-1">
          {t.rich('message', {
            name: impersonation.user.name,
            email: impersonation.user.email,
            admin: impersonation.impersonator.name,
            strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
          })}{' '}
          <span className="whitespace-nowrap">
            {t('remaining')}{' '}
            <time
              dateTime={impersonation.expiresAt}
              className="font-mono tabular-nums"
              data-testid="impersonation-left"
            >
              {formatRemaining(left)}
            </time>
          </span>
        </p>
        <Button
          size="sm"
          variant="outline"
          onClick={() => void end()}
          disabled={ending}
          data-testid="impersonation-end"
          className="border-amber-400 bg-transparent hover:bg-amber-200 dark:border-amber-700 dark:hover:bg-amber-900"
        >
          {ending ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
          {t('end')}
        </Button>
        <p role="alert" className="w-full empty:hidden">
          {error}
        </p>
      </div>
    </section>
  );
}
