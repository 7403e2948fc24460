'use client';

import type { OrgSummary } from '@repo/contracts';
import { Building2Icon, ChevronsUpDownIcon, PlusIcon, SettingsIcon } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useLayoutEffect, useRef, useState } from 'react';
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
import { UserAvatar } from '@/components/user-avatar';
import { Link, useRouter } from '@/i18n/navigation';
import { localeDirection } from '@/i18n/routing';
import { orgsApi } from '@/lib/api/orgs';
import { useErrorText } from '@/lib/forms/error-text';
import { cn } from '@/lib/utils';

/**
 * The app shell's organization menu (A8): shows the active organization, switches to another one
 * (remembered per user by the API), and leads to creating one. Pages re-render on the server
 * after a switch, so every organization page follows. It sits at the top of the sidebar (and of the
 * drawer on narrow screens), where the organization's name has the room to show in full.
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

  const name = active?.name ?? t('switcher.none');
  return (
    <DropdownMenu dir={localeDirection(locale)}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          className="h-auto w-full justify-start gap-2.5 px-2.5 py-2 text-start"
          data-testid="org-switcher"
          aria-busy={busy}
        >
          {active?.logoUrl ? (
            <UserAvatar
              name={name}
              src={active.logoUrl}
              shape="square"
              className="size-8"
              testId="org-switcher-logo"
            />
          ) : (
            <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-secondary text-secondary-foreground">
              <Building2Icon aria-hidden="true" />
            </span>
          )}
          <span className="sr-only">{t('switcher.current', { name })}</span>
          <span aria-hidden="true" className="flex min-w-0 flex-1 flex-col gap-0.5">
            {/* The whole name when it fits; cut short, it shows in full on hover (title). */}
            <TruncatedText lines={2} className="font-semibold leading-snug" testId="org-switcher-name">
              {name}
            </TruncatedText>
            <span className="flex items-center gap-1.5 font-normal text-muted-foreground text-xs">
              {active ? t(`roles.${active.role}`) : null}
              {active?.personal ? (
                <Badge variant="secondary" className="px-1.5 py-0 text-[0.6875rem]">
                  {t('personal')}
                </Badge>
              ) : null}
            </span>
          </span>
          <ChevronsUpDownIcon aria-hidden="true" className="text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent
        align="start"
        className="w-(--radix-dropdown-menu-trigger-width) min-w-64 max-w-[calc(100vw-2rem)]"
      >
        <DropdownMenuLabel>{t('switcher.menuLabel')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={active?.id} onValueChange={select}>
          {organizations.map((o) => (
            <DropdownMenuRadioItem
              key={o.id}
              value={o.id}
              disabled={busy}
              data-testid="org-switcher-item"
              className="items-start gap-2"
            >
              {o.logoUrl ? (
                <UserAvatar name={o.name} src={o.logoUrl} shape="square" className="size-6" />
              ) : null}
              <span className="flex min-w-0 flex-1 flex-col">
                <TruncatedText className="font-medium">{o.name}</TruncatedText>
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

/**
 * Text cut short with an ellipsis when it does not fit in `lines` lines (1: no wrapping; 2: wraps
 * once, between words, or inside a very long word); only then does it get a title with the whole
 * text.
 */
function TruncatedText({
  children,
  lines = 1,
  className,
  testId,
}: {
  children: string;
  lines?: 1 | 2;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLSpanElement>(null);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setCut(el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  });
  return (
    <span
      ref={ref}
      // A Latin name in the Arabic interface is cut at its own end, not at its start.
      dir="auto"
      className={cn(lines === 1 ? 'block truncate' : 'line-clamp-2 whitespace-normal break-words', className)}
      title={cut ? children : undefined}
      data-testid={testId}
    >
      {children}
    </span>
  );
}
