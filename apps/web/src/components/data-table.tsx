import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from '@/i18n/navigation';
import { cn } from '@/lib/utils';

/**
 * The one table of the admin pages (lists and detail sections): columns as data, header cells
 * with `scope="col"` (and `aria-sort` where the list sorts by them), an sr-only caption, and a
 * labelled, keyboard-scrollable region around it. On a narrow screen (390 px) the table keeps its
 * minimum width and scrolls sideways inside that region instead of squeezing its columns.
 */

export type SortDirection = 'asc' | 'desc';

export interface ColumnSort {
  /** How the rows are sorted by this column now; null when they are sorted by another one. */
  direction: SortDirection | null;
  /** The same list sorted by this column, in the order a click should give. */
  href: string;
  /** Read after the header by screen readers: what a click does ("sort ascending"). */
  label: string;
  testId?: string;
}

export interface Column {
  /** React key; defaults to the header when that is a string. */
  key?: string;
  header: ReactNode;
  /** `end` for numbers and row actions. */
  align?: 'start' | 'end';
  /** The header is for screen readers only (a column of row actions). */
  srOnly?: boolean;
  /** A link that sorts by this column, with the current order shown. */
  sort?: ColumnSort;
}

/** Minimum widths the tables use (listed whole so Tailwind sees every class). */
const MIN_WIDTH = {
  '32rem': 'min-w-[32rem]',
  '36rem': 'min-w-[36rem]',
  '40rem': 'min-w-[40rem]',
  '48rem': 'min-w-[48rem]',
  '52rem': 'min-w-[52rem]',
} as const;

/** Body cells: the same padding as the header cells, so columns line up. */
export const tdClass = 'px-3 py-2 align-middle';

/**
 * A row that opens something as a whole: give the `<tr>` `clickableRowClass` and the row's one
 * link (or button) `rowLinkClass`. The link's box is stretched over the row, so a click anywhere
 * follows it, while keyboard and screen-reader users still meet a real link with its own name.
 * Other controls in such a row need `relative z-10` to stay on top.
 */
export const clickableRowClass = 'relative cursor-pointer hover:bg-muted/60 focus-within:bg-muted/60';
export const rowLinkClass = "after:absolute after:inset-0 after:content-['']";
const thClass = 'whitespace-nowrap px-3 py-2 text-start font-medium text-muted-foreground';

/**
 * A wide table's scroll region: scrolls sideways on small screens instead of squeezing columns.
 * Focusable and labelled so keyboard users can scroll it too. `relative` makes it the containing
 * block of the table's absolutely positioned bits (the sr-only sort labels): without it they are
 * not clipped by the region and widen the whole page on a phone.
 */
function TableScroll({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be keyboard-reachable (WCAG 2.1.1).
      tabIndex={0}
      className="relative overflow-x-auto rounded-lg border"
      data-testid={testId}
    >
      {children}
    </section>
  );
}

/** Placeholder text for an empty table or section. */
export function Empty({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p
      className="rounded-lg border border-dashed p-6 text-center text-muted-foreground text-sm"
      data-testid={testId}
    >
      {children}
    </p>
  );
}

const ariaSort = (direction: SortDirection | null) =>
  direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';

function HeaderCell({ column }: { column: Column }) {
  const { header, sort } = column;
  const Icon =
    sort?.direction === 'asc' ? ArrowUpIcon : sort?.direction === 'desc' ? ArrowDownIcon : ArrowUpDownIcon;
  return (
    <th
      scope="col"
      aria-sort={sort ? ariaSort(sort.direction) : undefined}
      className={cn(thClass, column.align === 'end' && 'text-end')}
    >
      {column.srOnly ? (
        <span className="sr-only">{header}</span>
      ) : sort ? (
        <Link
          href={sort.href}
          className="inline-flex items-center gap-1 rounded-sm hover:text-foreground"
          data-testid={sort.testId}
        >
          {header}
          <Icon aria-hidden="true" className="size-3.5" />
          <span className="sr-only">{sort.label}</span>
        </Link>
      ) : (
        header
      )}
    </th>
  );
}

/**
 * A table with its header row from `columns` and the rows as children (`<tr>` with `tdClass`
 * cells, or a `<th scope="row">` first). `label` names both the scroll region and the caption.
 * With `rowCount` 0, the `empty` text is shown instead of the table.
 */
export function DataTable({
  label,
  columns,
  children,
  rowCount,
  empty,
  emptyTestId,
  minWidth = '48rem',
  busy,
  testId,
  scrollTestId,
}: {
  label: string;
  columns: (Column | string)[];
  children: ReactNode;
  rowCount?: number;
  empty?: ReactNode;
  emptyTestId?: string;
  minWidth?: keyof typeof MIN_WIDTH;
  /** Rows are being replaced or appended (aria-busy). */
  busy?: boolean;
  /** On the `<table>`. */
  testId?: string;
  /** On the scroll region around it. */
  scrollTestId?: string;
}) {
  if (rowCount === 0 && empty !== undefined) return <Empty testId={emptyTestId}>{empty}</Empty>;
  return (
    <TableScroll label={label} testId={scrollTestId}>
      <table className={cn('w-full text-sm', MIN_WIDTH[minWidth])} aria-busy={busy} data-testid={testId}>
        <caption className="sr-only">{label}</caption>
        <thead className="border-b bg-muted/40">
          <tr>
            {columns.map((column, index) => {
              const c = typeof column === 'string' ? { header: column } : column;
              const key = c.key ?? (typeof c.header === 'string' ? c.header : String(index));
              return <HeaderCell key={key} column={c} />;
            })}
          </tr>
        </thead>
        <tbody className="divide-y">{children}</tbody>
      </table>
    </TableScroll>
  );
}
