/**
 * The loading state of an admin page (its `loading.tsx`): a spoken status line and a skeleton of
 * a toolbar and a table, while the admin nav above stays in place.
 */
export function AdminLoading({ label }: { label: string }) {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <p role="status" className="text-muted-foreground text-sm">
        {label}
      </p>
      <div aria-hidden="true" className="h-10 animate-pulse rounded-lg bg-muted" />
      <div aria-hidden="true" className="h-64 animate-pulse rounded-lg bg-muted" />
    </div>
  );
}
