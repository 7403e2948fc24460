'use client';

import { CheckIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactElement } from 'react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Link, usePathname, useRouter } from '@/i18n/navigation';
import { type AppLocale, localeDirection, routing } from '@/i18n/routing';

/** Set when saving the choice failed; the page in the new language (LanguageSwitcher) says so. */
const SAVE_FAILED = 'gw:language-save-failed';

type Props = {
  trigger: ReactElement;
  signedIn: boolean;
  saving: boolean;
  onSaving: (saving: boolean) => void;
};

/**
 * The language menu itself, loaded by LanguageSwitcher on first use and rendered open.
 * Anonymous visitors switch by link (the proxy remembers the choice in the NEXT_LOCALE cookie).
 * In the signed-in area the language is the profile's `locale`, one preference: choosing here
 * saves it first, then switches; if saving fails the switch still happens and the next page says
 * the profile kept its old language.
 */
export function LanguageMenu({ trigger, signedIn, saving, onSaving }: Props) {
  const t = useTranslations('Language');
  const locale = useLocale();
  const router = useRouter();
  // Pathname without the locale prefix, so each item links to the same page in another locale.
  const pathname = usePathname();

  async function switchSignedIn(next: AppLocale) {
    if (next === locale || saving) return;
    onSaving(true);
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
    <DropdownMenu defaultOpen dir={localeDirection(locale)}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
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
