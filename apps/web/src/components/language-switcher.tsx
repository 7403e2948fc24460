'use client';

import { LanguagesIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { usePathname } from '@/i18n/navigation';
import type { routing } from '@/i18n/routing';
import { isSignedInPath } from '@/lib/auth/paths';
import { useMenuOnDemand } from './menu-on-demand';

/** Same key as language-menu.tsx (not imported: that module is the part loaded on demand). */
const SAVE_FAILED = 'gw:language-save-failed';

const loadMenu = () => import('./language-menu').then((m) => m.LanguageMenu);

/**
 * The header's language button; its menu (language-menu.tsx) loads on first use. In the
 * signed-in area a failed save of the profile language is reported here, on the page in the new
 * language, with a toast.
 */
export function LanguageSwitcher() {
  const t = useTranslations('Language');
  const locale = useLocale();
  // Only the (app) pages guarantee a session; public pages keep the anonymous behaviour.
  const signedIn = isSignedInPath(usePathname());
  const [saving, setSaving] = useState(false);
  const { Menu, triggerProps } = useMenuOnDemand(loadMenu);

  useEffect(() => {
    if (!signedIn || sessionStorage.getItem(SAVE_FAILED) === null) return;
    sessionStorage.removeItem(SAVE_FAILED);
    // After the Toaster (a later sibling in the layout) has mounted and subscribed. Loaded on
    // demand: this button is on every public page, which has no toasts otherwise (ADR 0030).
    void import('sonner').then(({ toast }) => setTimeout(() => toast.error(t('saveFailed')), 0));
  }, [signedIn, t]);

  const button = (
    <Button
      variant="ghost"
      size="sm"
      data-testid="language-switcher"
      aria-busy={saving || undefined}
      {...(Menu ? {} : triggerProps)}
    >
      <LanguagesIcon aria-hidden="true" />
      <span className="sr-only">{t('label')}: </span>
      {/* Phones keep the icon only (the name stays in the accessible label): headers need the room. */}
      <span className="max-sm:sr-only">{t(locale as (typeof routing.locales)[number])}</span>
    </Button>
  );
  return Menu ? <Menu trigger={button} signedIn={signedIn} saving={saving} onSaving={setSaving} /> : button;
}
