'use client';

import type { OrgSummary } from '@repo/contracts';
import { Building2Icon, ChevronsUpDownIcon, PlusIcon, SettingsIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Link, useRouter } from '@/i18n/navigation';
import { localeDirection } from '@/i18n/routing';
import { orgsApi } from '@/lib/api/orgs';
import { useErrorText } from '@/lib/forms/error-text';

/**
 * The app shell's organization menu (A8): shows the active organization, switches to another one
 * (remembered per user by the API), and leads to creating one. Pages re-render on the server
 * after a switch, so every organization page follows.
 */
export function OrgSwitcher({ organizations, activeId }: { organizations: OrgSummary[]; activeId: string }) {
  const t = useTranslations('Orgs');
  const locale = useLocale();
  const router = useRouter();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const active = organizations.find((o) => o.id === activeId) ?? organizations[0];

  async function select(id: string) {
    if (id === active?.id || busy) return;
    const target = organizations.find((o) => o.id === id);
    setBusy(true);
    try {
      await orgsApi.setActive(id);
      toast.success(t('switcher.switched', { name: target?.name ?? '' }));
      router.refresh();
    } catch (error) {
      toast.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <DropdownMenu dir={localeDirection(locale)}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          className="max-w-56 gap-2 px-2.5"
          data-testid="org-switcher"
          aria-busy={busy}
        >
          <Building2Icon aria-hidden="true" />
          <span className="sr-only">
            {t('switcher.current', { name: active?.name ?? t('switcher.none') })}
          </span>
          {/* Phones show the icon only (the name is in the label above): the header is full. */}
          <span aria-hidden="true" className="hidden truncate sm:inline" data-testid="org-switcher-name">
            {active?.name ?? t('switcher.none')}
          </span>
          {active?.personal ? (
            <Badge variant="secondary" className="hidden sm:inline-flex">
              {t('personal')}
            </Badge>
          ) : null}
          <ChevronsUpDownIcon aria-hidden="true" className="text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72 max-w-[calc(100vw-2rem)]">
        <DropdownMenuLabel>{t('switcher.menuLabel')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={active?.id} onValueChange={select}>
          {organizations.map((o) => (
            <DropdownMenuRadioItem
              key={o.id}
              value={o.id}
              disabled={busy}
              data-testid="org-switcher-item"
              className="items-start"
            >
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="truncate font-medium">{o.name}</span>
                <span className="text-muted-foreground text-xs">
                  {t(`roles.${o.role}`)}
                  {o.personal ? ` · ${t('personal')}` : ''}
                </span>
              </span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/org/settings/general">
            <SettingsIcon aria-hidden="true" />
            {t('switcher.settings')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/org/new" data-testid="org-create-link">
            <PlusIcon aria-hidden="true" />
            {t('switcher.create')}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
