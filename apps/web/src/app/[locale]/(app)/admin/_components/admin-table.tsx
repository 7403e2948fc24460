import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

/**
 * A wide admin table: scrolls sideways on small screens instead of squeezing columns. The scroll
 * region is focusable and labelled so keyboard users can scroll it too.
 */
export function TableScroll({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be keyboard-reachable (WCAG 2.1.1).
      tabIndex={0}
      className="overflow-x-auto rounded-lg border"
      data-testid={testId}
    >
      {children}
    </section>
  );
}

export const tableClass = 'w-full min-w-[48rem] border-collapse text-sm';
export const thClass = 'whitespace-nowrap px-3 py-2 text-start font-medium text-muted-foreground';
export const tdClass = 'px-3 py-2 align-middle';

export function Th({ children, className, ...props }: React.ComponentProps<'th'>) {
  return (
    <th scope="col" className={cn(thClass, className)} {...props}>
      {children}
    </th>
  );
}

/** Placeholder text for an empty table or section. */
export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed p-6 text-center text-muted-foreground text-sm">
      {children}
    </p>
  );
}

/**
 * One table of a detail page's section, or its empty state: the scroll region and the caption
 * carry the same label, the header row comes from `columns`, the rows are the children.
 */
export function SectionTable({
  label,
  columns,
  empty,
  rows,
  children,
}: {
  label: string;
  columns: string[];
  empty: string;
  rows: number;
  children: ReactNode;
}) {
  if (rows === 0) return <Empty>{empty}</Empty>;
  return (
    <TableScroll label={label}>
      <table className={tableClass}>
        <caption className="sr-only">{label}</caption>
        <thead className="border-b bg-muted/40">
          <tr>
            {columns.map((column) => (
              <Th key={column}>{column}</Th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y">{children}</tbody>
      </table>
    </TableScroll>
  );
}
