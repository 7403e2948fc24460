'use client';

import { CheckIcon, LanguagesIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Link, usePathname } from '@/i18n/navigation';
import { localeDirection, routing } from '@/i18n/routing';

export function LanguageSwitcher() {
  const t = useTranslations('Language');
  const locale = useLocale();
  // Pathname without the locale prefix, so each item links to the same page in another locale.
  const pathname = usePathname();

  return (
    <DropdownMenu dir={localeDirection(locale)}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" data-testid="language-switcher">
          <LanguagesIcon aria-hidden="true" />
          <span className="sr-only">{t('label')}: </span>
          {/* Phones show the icon only (the name is still read out): the headers need the room. */}
          <span className="sr-only sm:not-sr-only">{t(locale as (typeof routing.locales)[number])}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {routing.locales.map((l) => (
          <DropdownMenuItem key={l} asChild>
            <Link
              href={pathname}
              locale={l}
              lang={l}
              hrefLang={l}
              aria-current={l === locale ? 'true' : undefined}
              className="justify-between gap-6"
            >
              {t(l)}
              {l === locale ? <CheckIcon aria-hidden="true" /> : null}
            </Link>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
