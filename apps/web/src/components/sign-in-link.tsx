'use client';

import { Button } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import { useSignedInHint } from '@/lib/use-signed-in-hint';

/** The header's "Sign in", hidden once the browser is signed in (the primary action says "Dashboard"). */
export function SignInLink({ label }: { label: string }) {
  if (useSignedInHint()) return null;
  return (
    <Button asChild variant="ghost" size="sm" className="ms-1">
      <Link href="/sign-in">{label}</Link>
    </Button>
  );
}
