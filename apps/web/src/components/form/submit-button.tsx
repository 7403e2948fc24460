'use client';

import { Loader2Icon } from 'lucide-react';
import type * as React from 'react';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/lib/use-hydrated';

export function SubmitButton({
  pending,
  label,
  pendingLabel,
  ...props
}: React.ComponentProps<typeof Button> & { pending: boolean; label: string; pendingLabel: string }) {
  const hydrated = useHydrated();
  return (
    <Button type="submit" disabled={pending || !hydrated} aria-disabled={pending || !hydrated} {...props}>
      {pending ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
      {pending ? pendingLabel : label}
    </Button>
  );
}
