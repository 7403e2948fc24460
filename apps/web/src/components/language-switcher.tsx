'use client';

import { CheckIcon, LanguagesIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Link, usePathname, useRouter } from '@/i18n/navigation';
import { type AppLocale, localeDirection, routing } from '@/i18n/routing';
import { isSignedInPath } from '@/lib/auth/paths';

/** Set when saving the choice failed; the page in the new language reads it and says so. */
const SAVE_FAILED = 'gw:language-save-failed';

/**
 * The language menu. Anonymous visitors switch by link (the proxy remembers the choice in the
 * NEXT_LOCALE cookie). In the signed-in area the language is the profile's `locale`, one
 * preference: choosing here saves it first, then switches; if saving fails the switch still
 * happens and a toast says the profile kept its old language.
 */
export function LanguageSwitcher() {
  const t = useTranslations('Language');
  const locale = useLocale();
  const router = useRouter();
  // Pathname without the locale prefix, so each item links to the same page in another locale.
  const pathname = usePathname();
  // Only the (app) pages guarantee a session; public pages keep the anonymous behaviour.
  const signedIn = isSignedInPath(pathname);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!signedIn || sessionStorage.getItem(SAVE_FAILED) === null) return;
    sessionStorage.removeItem(SAVE_FAILED);
    // After the Toaster (a later sibling in the layout) has mounted and subscribed. Loaded on
    // demand: this menu is on every public page, which has no toasts otherwise (ADR 0030).
    void import('sonner').then(({ toast }) => setTimeout(() => toast.error(t('saveFailed')), 0));
  }, [signedIn, t]);

  async function switchSignedIn(next: AppLocale) {
    if (next === locale || saving) return;
    setSaving(true);
    // The typed client (and the contract schemas it parses with) only when a signed-in user
    // switches: public pages never pay for them.
    const { profileApi } = await import('@/lib/api/profile');
    const saved = await profileApi.saveLocale(next).then(
      () => true,
      () => false,
    );
    if (!saved) sessionStorage.setItem(SAVE_FAILED, '1');
    router.push(pathname, { locale: next });
  }

  return (
    <DropdownMenu dir={localeDirection(locale)}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" data-testid="language-switcher" aria-busy={saving || undefined}>
          <LanguagesIcon aria-hidden="true" />
          <span className="sr-only">{t('label')}: </span>
          {/* Phones keep the icon only (the name stays in the accessible label): headers need the room. */}
          <span className="max-sm:sr-only">{t(locale as (typeof routing.locales)[number])}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {routing.locales.map((l) => {
          const current = l === locale ? 'true' : undefined;
          const label = (
            <>
              {t(l)}
              {l === locale ? <CheckIcon aria-hidden="true" /> : null}
            </>
          );
          return signedIn ? (
            <DropdownMenuItem
              key={l}
              lang={l}
              aria-current={current}
              className="justify-between gap-6"
              onSelect={() => void switchSignedIn(l)}
            >
              {label}
            </DropdownMenuItem>
          ) : (
            <DropdownMenuItem key={l} asChild>
              <Link
                href={pathname}
                locale={l}
                lang={l}
                hrefLang={l}
                aria-current={current}
                className="justify-between gap-6"
              >
                {label}
              </Link>
            </DropdownMenuItem>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
