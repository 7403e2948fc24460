'use client';

import { CheckCircle2Icon, Loader2Icon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { SubmitOutcome } from '@/lib/problem';

type State =
  | { kind: 'idle' | 'submitting' | 'success' }
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; message: string };

export function WaitlistForm() {
  const t = useTranslations('Waitlist');
  const locale = useLocale();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const errorId = `${id}-error`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    // Same schema as the API, so the browser rejects exactly what the server would. Loaded on
    // submit: the contract schemas (and Zod) would otherwise weigh on the landing page's first
    // load for a form most visitors never send (ADR 0030).
    let modules: [typeof import('@repo/contracts'), typeof import('@/lib/problem')];
    try {
      modules = await Promise.all([import('@repo/contracts'), import('@/lib/problem')]);
    } catch {
      setState({ kind: 'error', message: t('networkError') });
      return;
    }
    const [{ JoinWaitlistBody }, { interpretSubmitResponse }] = modules;
    const parsed = JoinWaitlistBody.safeParse({ email, locale });
    if (!parsed.success) {
      setState({ kind: 'invalid', message: t('invalidEmail') });
      inputRef.current?.focus();
      return;
    }
    setState({ kind: 'submitting' });
    let outcome: SubmitOutcome;
    try {
      const res = await fetch('/api/v1/waitlist', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(parsed.data),
      });
      outcome = interpretSubmitResponse(res.status, await res.json().catch(() => null));
    } catch {
      setState({ kind: 'error', message: t('networkError') });
      return;
    }
    if (outcome.kind === 'success') setState({ kind: 'success' });
    else if (outcome.kind === 'field') {
      // Known fields get the localized text; anything else shows the API's own message.
      setState({ kind: 'invalid', message: outcome.field === 'email' ? t('invalidEmail') : outcome.message });
      inputRef.current?.focus();
    } else if (outcome.kind === 'rate_limited') setState({ kind: 'error', message: t('rateLimited') });
    else setState({ kind: 'error', message: t('genericError') });
  }

  if (state.kind === 'success') {
    return (
      <p
        role="status"
        data-testid="waitlist-success"
        className="flex items-start gap-3 rounded-lg border border-success/40 bg-success/10 p-4 text-sm"
      >
        <CheckCircle2Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-success" />
        {t('success')}
      </p>
    );
  }

  const invalid = state.kind === 'invalid';
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      className="flex flex-col gap-3"
      aria-busy={state.kind === 'submitting'}
    >
      <Label htmlFor={`${id}-email`}>{t('emailLabel')}</Label>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Input
          ref={inputRef}
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          dir="ltr"
          required
          placeholder={t('emailPlaceholder')}
          aria-invalid={invalid || undefined}
          aria-describedby={state.kind === 'invalid' || state.kind === 'error' ? errorId : undefined}
          className="sm:flex-1 rtl:text-end"
        />
        <Button type="submit" disabled={state.kind === 'submitting'}>
          {state.kind === 'submitting' ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
          {state.kind === 'submitting' ? t('submitting') : t('submit')}
        </Button>
      </div>
      <p id={errorId} role="alert" className="min-h-5 text-destructive text-sm">
        {state.kind === 'invalid' || state.kind === 'error' ? state.message : null}
      </p>
    </form>
  );
}
