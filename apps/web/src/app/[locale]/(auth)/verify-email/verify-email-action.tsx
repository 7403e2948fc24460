'use client';

import { VerifyEmailResponse } from '@repo/contracts';
import { CheckCircle2Icon, Loader2Icon, XCircleIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Link, useRouter } from '@/i18n/navigation';
import { api } from '@/lib/api/client';
import { APP_HOME } from '@/lib/auth/paths';
import { useErrorText } from '@/lib/forms/error-text';

type State =
  | { kind: 'working' }
  | { kind: 'entering' }
  | { kind: 'changed' }
  | { kind: 'failed'; error: string };

/**
 * The verification link's landing (ADR 0028). POSTs the token once, from the browser (link
 * scanners that GET every URL in a mail must not spend it). Then: opened in the browser that
 * signed up → the API signed it in, straight to the dashboard; elsewhere → sign-in with the
 * address filled in; an email change → confirmation; a dead link → `failure` (a new-link form).
 */
export function VerifyEmailAction({ token, failure }: { token: string; failure: ReactNode }) {
  const t = useTranslations('Auth.verify');
  const locale = useLocale();
  const router = useRouter();
  const errorText = useErrorText();
  const [state, setState] = useState<State>({ kind: 'working' });
  const sent = useRef(false);

  useEffect(() => {
    // React strict mode runs effects twice in development; the token is single-use.
    if (sent.current) return;
    sent.current = true;
    api.post('/auth/verify-email', { token }, { schema: VerifyEmailResponse }).then(
      (result) => {
        if (result.purpose === 'change_email') setState({ kind: 'changed' });
        else if (result.signedIn) {
          setState({ kind: 'entering' });
          // A full navigation: the app's server components render with the new session cookies.
          window.location.replace(`/${locale}${APP_HOME}`);
        } else {
          router.replace({ pathname: '/sign-in', query: { email: result.email, verified: '1' } });
        }
      },
      (error: unknown) => setState({ kind: 'failed', error: errorText(error) }),
    );
  }, [token, errorText, locale, router]);

  if (state.kind === 'working' || state.kind === 'entering') {
    return (
      <p role="status" className="flex items-center gap-3 text-muted-foreground" data-testid="verify-working">
        <Loader2Icon aria-hidden="true" className="size-5 animate-spin" />
        {state.kind === 'working' ? t('verifying') : t('entering')}
      </p>
    );
  }
  const ok = state.kind === 'changed';
  const Icon = ok ? CheckCircle2Icon : XCircleIcon;
  return (
    <div className="flex flex-col gap-4" data-testid={ok ? 'token-success' : 'token-failed'}>
      <div role={ok ? 'status' : 'alert'} className="flex items-start gap-3">
        <Icon
          aria-hidden="true"
          className={ok ? 'mt-0.5 size-5 shrink-0 text-success' : 'mt-0.5 size-5 shrink-0 text-destructive'}
        />
        <div className="flex flex-col gap-1">
          <h2 className="font-semibold">{ok ? t('successTitle') : t('failedTitle')}</h2>
          <p className="text-muted-foreground text-sm">{ok ? t('successBody') : t('failedBody')}</p>
        </div>
      </div>
      {ok ? (
        <Button asChild>
          <Link href="/sign-in">{t('continue')}</Link>
        </Button>
      ) : (
        failure
      )}
    </div>
  );
}
