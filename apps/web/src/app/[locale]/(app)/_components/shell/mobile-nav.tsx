'use client';

import * as DialogPrimitive from '@radix-ui/react-dialog';
import { MenuIcon, XIcon } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { overlayClass } from '@/components/ui/dialog';
import { usePathname } from '@/i18n/navigation';
import { type NavSectionView, ShellNav } from './shell-nav';

/** Where the sidebar takes over (Tailwind's `lg`): the drawer closes itself when the screen gets there. */
const WIDE = '(min-width: 64rem)';

/**
 * The shell's navigation on narrow screens: a menu button that opens a drawer from the
 * inline-start side (left in English, right in Arabic) with the sidebar's content. A Radix dialog:
 * focus stays inside while it is open, Escape or the close button closes it, and focus returns to
 * the menu button. Following a link, or any navigation, closes it too.
 */
export function MobileNav({
  sections,
  labels,
  switcher,
}: {
  sections: NavSectionView[];
  labels: { open: string; close: string; title: string; nav: string };
  /** The organization switcher, rendered by the server. */
  switcher: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    const wide = window.matchMedia(WIDE);
    const onChange = () => {
      if (wide.matches) setOpen(false);
    };
    wide.addEventListener('change', onChange);
    return () => wide.removeEventListener('change', onChange);
  }, []);

  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger asChild>
        <Button variant="ghost" size="icon" className="-ms-2 lg:hidden" data-testid="shell-menu">
          <MenuIcon aria-hidden="true" />
          <span className="sr-only">{labels.open}</span>
        </Button>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={overlayClass} />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          data-testid="shell-drawer"
          className="shell-drawer fixed inset-y-0 start-0 z-50 flex w-72 max-w-[calc(100vw-3rem)] flex-col border-e bg-background shadow-lg focus:outline-none"
        >
          <div className="flex h-14 shrink-0 items-center justify-between gap-2 border-b px-4">
            <DialogPrimitive.Title className="font-semibold">{labels.title}</DialogPrimitive.Title>
            <DialogPrimitive.Close asChild>
              <Button variant="ghost" size="icon" className="-me-2" data-testid="shell-drawer-close">
                <XIcon aria-hidden="true" />
                <span className="sr-only">{labels.close}</span>
              </Button>
            </DialogPrimitive.Close>
          </div>
          <div className="flex min-h-0 flex-1 flex-col gap-5 overflow-y-auto p-3">
            {switcher}
            <ShellNav
              label={labels.nav}
              sections={sections}
              idPrefix="drawer-nav"
              onNavigate={() => setOpen(false)}
            />
          </div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
