'use client';

import { LogOutIcon, ShieldIcon, UserIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { UserAvatar } from '@/components/user-avatar';
import { Link } from '@/i18n/navigation';
import { localeDirection } from '@/i18n/routing';
import { api } from '@/lib/api/client';

export function UserMenu({
  name,
  email,
  avatarUrl,
}: {
  name: string;
  email: string;
  avatarUrl: string | null;
}) {
  const t = useTranslations('App');
  const locale = useLocale();

  async function signOut() {
    // Whatever the API answers (already expired, offline), leave the signed-in area.
    await api.post('/auth/sign-out').catch(() => undefined);
    window.location.assign(`/${locale}/sign-in`);
  }

  return (
    <DropdownMenu dir={localeDirection(locale)}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="ms-1 gap-2 px-2" data-testid="user-menu">
          <UserAvatar name={name} src={avatarUrl} testId="user-menu-avatar" />
          <span className="sr-only">{t('userMenu', { name })}</span>
          <span aria-hidden="true" className="hidden max-w-32 truncate md:inline">
            {name}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-56">
        <DropdownMenuLabel className="flex flex-col gap-0.5 font-normal">
          <span className="font-semibold text-foreground text-sm">{name}</span>
          <bdi dir="ltr" className="truncate text-muted-foreground text-xs">
            {email}
          </bdi>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/profile">
            <UserIcon aria-hidden="true" />
            {t('nav.profile')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/settings/security">
            <ShieldIcon aria-hidden="true" />
            {t('nav.security')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={signOut} data-testid="sign-out">
          <LogOutIcon aria-hidden="true" className="rtl:-scale-x-100" />
          {t('signOut')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
