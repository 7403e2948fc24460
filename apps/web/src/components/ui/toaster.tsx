'use client';

import { useLocale } from 'next-intl';
import { useTheme } from 'next-themes';
import { useEffect, useRef, useState } from 'react';
import { Toaster as Sonner, useSonner } from 'sonner';
import { localeDirection } from '@/i18n/routing';
import { edgeAwayFrom } from '@/lib/toast-edge';

/** What a person acts on; a toast reports on the last one of these they used. */
const CONTROL =
  'button, a[href], select, input, textarea, [role="menuitem"], [role="option"], [role="switch"]';

/**
 * Toasts (sonner renders an aria-live region). Placed once per signed-in layout.
 *
 * A toast must not hide the control that raised it, and no fixed corner guarantees that: forms
 * end with their buttons at the start side, list rows put theirs at the end, and either may sit
 * at the top or the bottom of the screen. So the toaster follows the control last pressed or
 * focused (a dialog hands focus back to its trigger when it closes, so a confirmed action counts
 * as its row's button) and shows toasts at the opposite edge, on the end side (full width on a
 * phone). While toasts are on screen the edge stays put, so they never jump.
 */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  const locale = useLocale();
  const dir = localeDirection(locale);
  const { toasts } = useSonner();
  const showing = useRef(false);
  showing.current = toasts.length > 0;
  const [edge, setEdge] = useState<'top' | 'bottom'>('bottom');

  useEffect(() => {
    function follow(target: EventTarget | null) {
      if (showing.current || !(target instanceof Element)) return;
      const control = target.closest(CONTROL);
      if (control) setEdge(edgeAwayFrom(control.getBoundingClientRect(), window.innerHeight));
    }
    const onPointer = (event: PointerEvent) => follow(event.target);
    const onFocus = (event: FocusEvent) => follow(event.target);
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('focusin', onFocus, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('focusin', onFocus, true);
    };
  }, []);

  const side = dir === 'rtl' ? 'left' : 'right';
  return (
    <Sonner
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      dir={dir}
      position={`${edge}-${side}`}
      toastOptions={{ className: 'font-sans' }}
    />
  );
}
