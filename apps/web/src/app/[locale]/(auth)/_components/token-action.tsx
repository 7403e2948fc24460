'use client';

import { CheckCircle2Icon, Loader2Icon, XCircleIcon } from 'lucide-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api/client';
import { useErrorText } from '@/lib/forms/error-text';

type Texts = {
  working: string;
  successTitle: string;
  successBody: string;
  failedTitle: string;
  failedBody: string;
};

/**
 * Landing page for an emailed link: POSTs the token once, from the browser. Not on the server
 * render: link scanners that GET every URL in a mail would otherwise spend the single-use token.
 */
export function TokenAction({
  endpoint,
  token,
  texts,
  success,
  failure,
}: {
  endpoint: string;
  token: string;
  texts: Texts;
  success: ReactNode;
  failure: ReactNode;
}) {
  const [state, setState] = useState<'working' | 'success' | { error: string }>('working');
  const errorText = useErrorText();
  const sent = useRef(false);

  useEffect(() => {
    // React strict mode runs effects twice in development; the token is single-use.
    if (sent.current) return;
    sent.current = true;
    api.post(endpoint, { token }).then(
      () => setState('success'),
      (error: unknown) => setState({ error: errorText(error) }),
    );
  }, [endpoint, token, errorText]);

  if (state === 'working') {
    return (
      <p role="status" className="flex items-center gap-3 text-muted-foreground">
        <Loader2Icon aria-hidden="true" className="size-5 animate-spin" />
        {texts.working}
      </p>
    );
  }
  const ok = state === 'success';
  const Icon = ok ? CheckCircle2Icon : XCircleIcon;
  return (
    <div className="flex flex-col gap-4" data-testid={ok ? 'token-success' : 'token-failed'}>
      <div role={ok ? 'status' : 'alert'} className="flex items-start gap-3">
        <Icon
          aria-hidden="true"
          className={ok ? 'mt-0.5 size-5 shrink-0 text-success' : 'mt-0.5 size-5 shrink-0 text-destructive'}
        />
        <div className="flex flex-col gap-1">
          <h2 className="font-semibold">{ok ? texts.successTitle : texts.failedTitle}</h2>
          <p className="text-muted-foreground text-sm">{ok ? texts.successBody : texts.failedBody}</p>
        </div>
      </div>
      {ok ? success : failure}
    </div>
  );
}
