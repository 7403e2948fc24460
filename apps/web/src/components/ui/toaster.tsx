'use client';

import { useLocale } from 'next-intl';
import { useTheme } from 'next-themes';
import { Toaster as Sonner } from 'sonner';
import { localeDirection } from '@/i18n/routing';

/** Success toasts (sonner renders an aria-live region). Placed once per signed-in layout. */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  const locale = useLocale();
  const dir = localeDirection(locale);
  return (
    <Sonner
      theme={resolvedTheme === 'dark' ? 'dark' : 'light'}
      dir={dir}
      position={dir === 'rtl' ? 'bottom-left' : 'bottom-right'}
      toastOptions={{ className: 'font-sans' }}
    />
  );
}
