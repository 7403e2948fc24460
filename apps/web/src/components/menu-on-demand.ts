'use client';

import { type ComponentType, useCallback, useState } from 'react';

/**
 * A header menu whose implementation (Radix's menu and its positioning code, ~40 KB compressed)
 * loads on first use instead of with every page: until then its trigger is a plain button. A
 * click loads the menu and renders it open; hovering or focusing the button starts the download
 * early. ADR 0030.
 */
export function useMenuOnDemand<P>(load: () => Promise<ComponentType<P>>) {
  const [Menu, setMenu] = useState<ComponentType<P> | null>(null);
  const prefetch = useCallback(() => {
    load().catch(() => {}); // a failed prefetch is retried by the click
  }, [load]);
  const open = useCallback(() => {
    load().then(
      (loaded) => setMenu(() => loaded),
      () => {}, // offline: the button stays a button; the next click tries again
    );
  }, [load]);
  const triggerProps = {
    onClick: open,
    onPointerEnter: prefetch,
    onFocus: prefetch,
    'aria-haspopup': 'menu' as const,
  };
  return { Menu, triggerProps };
}
