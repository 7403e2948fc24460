import type { ReactNode } from 'react';

/** The page's one `h1`, with an optional lead line under it. */
export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <h1 className="font-semibold text-2xl tracking-tight">{children}</h1>
      {lead ? <p className="text-muted-foreground text-sm">{lead}</p> : null}
    </div>
  );
}
