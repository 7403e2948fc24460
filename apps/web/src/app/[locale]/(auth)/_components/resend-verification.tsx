'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { api } from '@/lib/api/client';
import { useErrorText } from '@/lib/forms/error-text';

/** One-click "send the verification link again" for an address the user already typed. */
export function ResendVerification({ email, className }: { email: string; className?: string }) {
  const t = useTranslations('Auth.verify');
  const errorText = useErrorText();
  const [state, setState] = useState<'idle' | 'pending' | 'sent' | { error: string }>('idle');

  async function resend() {
    setState('pending');
    try {
      await api.post('/auth/verify-email/resend', { email });
      setState('sent');
    } catch (error) {
      setState({ error: errorText(error) });
    }
  }

  if (state === 'sent') {
    return (
      <p role="status" className={className}>
        {t('resendDone')}
      </p>
    );
  }
  return (
    <div className={className}>
      <Button type="button" variant="outline" size="sm" onClick={resend} disabled={state === 'pending'}>
        {t('resendSubmit')}
      </Button>
      {typeof state === 'object' ? (
        <p role="alert" className="mt-2">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
