'use client';

import {
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_LENGTH,
  type PasswordContext,
  passwordLength,
  passwordRuleIssue,
} from '@repo/contracts';
import { EyeIcon, EyeOffIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/utils';

type Props = {
  name: string;
  label: string;
  error?: string | undefined;
  autoComplete: 'new-password' | 'current-password';
  /** The name and address typed so far: the policy refuses passwords that contain them. */
  context?: PasswordContext;
  autoFocus?: boolean;
};

/**
 * A password with a show/hide switch. A new one (`autoComplete="new-password"`) also gets a live
 * hint and a length meter; the current one (sign-in, confirming it) only the switch. The hint runs the server's own rules
 * (`passwordRuleIssue` from @repo/contracts: length, repetition, name/address/product words), so
 * it never approves what the API refuses except a password on the breached-password list, which
 * only the server holds; the hint says that check comes on submit.
 */
export function PasswordField({ name, label, error, autoComplete, context, autoFocus }: Props) {
  const t = useTranslations('Auth.password');
  const id = useId();
  const [value, setValue] = useState('');
  const [visible, setVisible] = useState(false);
  const isNew = autoComplete === 'new-password';
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const issue = value === '' ? null : passwordRuleIssue(value, context);
  const state = value === '' ? 'empty' : issue ? 'weak' : 'ok';
  const message =
    state === 'empty'
      ? t('hint', { min: PASSWORD_MIN_LENGTH })
      : issue === 'too_small'
        ? t('tooShort', { min: PASSWORD_MIN_LENGTH })
        : issue === 'too_big'
          ? t('tooLong', { max: PASSWORD_MAX_BYTES })
          : issue === 'password_too_common'
            ? t('repetitive')
            : issue === 'password_contains_context'
              ? t('context')
              : t('ok');
  const progress = Math.min(1, passwordLength(value) / PASSWORD_MIN_LENGTH);

  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="relative">
        <Input
          id={id}
          name={name}
          type={visible ? 'text' : 'password'}
          autoComplete={autoComplete}
          required
          autoFocus={autoFocus}
          dir="ltr"
          spellCheck={false}
          autoCapitalize="none"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [isNew ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
          }
          className="pe-11 rtl:text-end"
        />
        <button
          type="button"
          onClick={() => setVisible((v) => !v)}
          aria-pressed={visible}
          aria-controls={id}
          aria-label={visible ? t('hide') : t('show')}
          className="absolute inset-y-0 end-0 flex w-10 items-center justify-center rounded-e-md text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
        >
          {visible ? (
            <EyeOffIcon aria-hidden="true" className="size-4" />
          ) : (
            <EyeIcon aria-hidden="true" className="size-4" />
          )}
        </button>
      </div>
      {isNew ? (
        <>
          <div aria-hidden="true" className="flex items-center gap-2">
            <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-muted">
              <div
                className={cn(
                  'h-full rounded-full transition-[width]',
                  state === 'ok' ? 'bg-success' : state === 'weak' ? 'bg-destructive' : 'bg-transparent',
                )}
                style={{ width: `${state === 'ok' ? 100 : progress * 100}%` }}
              />
            </div>
            <span className="text-muted-foreground text-xs tabular-nums" dir="ltr">
              {passwordLength(value)}/{PASSWORD_MIN_LENGTH}
            </span>
          </div>
          <p
            id={hintId}
            aria-live="polite"
            data-testid={`password-hint-${name}`}
            data-state={state}
            className={cn('text-xs', state === 'ok' ? 'text-foreground' : 'text-muted-foreground')}
          >
            {message}
          </p>
        </>
      ) : null}
      {error ? (
        <p id={errorId} className="text-destructive text-sm" data-testid={`field-error-${name}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
