'use client';

import type * as React from 'react';
import { useId } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/utils';

type Props = Omit<React.ComponentProps<'input'>, 'id' | 'name'> & {
  name: string;
  label: string;
  error?: string;
  hint?: string;
};

/** Label + input + hint + error, wired with aria-invalid/aria-describedby. */
export function TextField({ name, label, error, hint, className, type, ...props }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  // Addresses and secrets are left-to-right in every locale; align them to the reading edge.
  const ltr = type === 'email' || type === 'password';
  return (
    <div className={cn('flex flex-col gap-2', className)}>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        type={type}
        dir={ltr ? 'ltr' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={ltr ? 'rtl:text-end' : undefined}
        {...props}
      />
      {hint ? (
        <p id={hintId} className="text-muted-foreground text-xs">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-destructive text-sm" data-testid={`field-error-${name}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
