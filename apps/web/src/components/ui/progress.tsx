import { cn } from '@/lib/utils';

/**
 * A labelled bar from 0 to 100. `role="progressbar"` for work under way (an upload), `meter` for a
 * gauge (storage used, a native <meter> for assistive technology). The fill grows from the inline start, so it runs right to left in Arabic.
 */
export function ProgressBar({
  value,
  label,
  valueText,
  role = 'progressbar',
  tone = 'default',
  className,
  testId,
}: {
  /** 0–100. */
  value: number;
  label: string;
  /** Read instead of the bare percentage ("12 MB of 20 MB"). */
  valueText?: string;
  role?: 'progressbar' | 'meter';
  tone?: 'default' | 'warning' | 'danger' | 'muted';
  className?: string;
  testId?: string;
}) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  const fill = (
    <div
      className={cn(
        'h-full rounded-full transition-[width] duration-200',
        tone === 'danger' && 'bg-destructive',
        tone === 'warning' && 'bg-amber-500',
        tone === 'muted' && 'bg-muted-foreground/50',
        tone === 'default' && 'bg-primary',
      )}
      style={{ width: `${clamped}%` }}
    />
  );
  const frame = cn('h-2 w-full overflow-hidden rounded-full bg-secondary', className);
  const aria = {
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    'aria-valuenow': clamped,
    'aria-valuetext': valueText,
  };
  return role === 'meter' ? (
    // A native meter for assistive technology, the drawn bar for the eye.
    <div data-testid={testId}>
      <meter
        className="sr-only"
        min={0}
        max={100}
        value={clamped}
        aria-label={label}
        aria-valuetext={valueText}
      />
      <div aria-hidden="true" className={frame}>
        {fill}
      </div>
    </div>
  ) : (
    <div role="progressbar" {...aria} data-testid={testId} className={frame}>
      {fill}
    </div>
  );
}
