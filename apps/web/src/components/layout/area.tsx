import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

/**
 * The frame of every page in one area of the app shell (settings, organization settings, admin):
 * the area's name (and whatever places the page, e.g. the organization) above the page's own
 * `PageTitle`, then its `Section`s, at one content width. `form` suits pages of forms and cards,
 * `wide` pages of tables and charts. The shell's navigation leads to the pages; there is no
 * second, in-page navigation.
 */
export function Area({
  name,
  context,
  width = 'form',
  children,
  testId,
}: {
  name: string;
  /** After the area's name, on the same line (the organization's name and the caller's role). */
  context?: ReactNode;
  width?: 'form' | 'wide';
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className={cn('flex w-full min-w-0 flex-col gap-3', width === 'wide' ? 'max-w-7xl' : 'max-w-3xl')}
      data-testid={testId}
    >
      <p className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 font-medium text-muted-foreground text-xs uppercase tracking-wide">
        <span>{name}</span>
        {context}
      </p>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
