import { AlertCircleIcon, CheckCircle2Icon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

/** Form-level message. The error variant is a live `alert`, the success one a polite `status`. */
export function FormAlert({
  children,
  variant = 'error',
  className,
}: {
  children: ReactNode;
  variant?: 'error' | 'success';
  className?: string;
}) {
  const Icon = variant === 'error' ? AlertCircleIcon : CheckCircle2Icon;
  return (
    <div
      role={variant === 'error' ? 'alert' : 'status'}
      data-testid={variant === 'error' ? 'form-error' : 'form-success'}
      className={cn(
        'flex items-start gap-3 rounded-lg border p-3 text-sm',
        variant === 'error' ? 'border-destructive/40 bg-destructive/10' : 'border-success/40 bg-success/10',
        className,
      )}
    >
      <Icon
        aria-hidden="true"
        className={cn('mt-0.5 size-4 shrink-0', variant === 'error' ? 'text-destructive' : 'text-success')}
      />
      <div className="flex-1">{children}</div>
    </div>
  );
}
