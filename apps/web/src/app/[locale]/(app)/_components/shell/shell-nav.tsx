'use client';

import { Link, usePathname } from '@/i18n/navigation';
import { cn } from '@/lib/utils';
import { linkState, type NavSectionId } from './nav-items';

export interface NavLinkView {
  href: string;
  label: string;
  testId: string;
}

export interface NavSectionView {
  id: NavSectionId;
  /** Shown above the section's links; null for the first section (the app itself). */
  label: string | null;
  testId: string;
  items: NavLinkView[];
}

/**
 * The shell's navigation, the same in the sidebar and in the drawer: one landmark, a labelled list
 * per section, `aria-current="page"` on the page's own link (`"true"` on the link of a section a
 * detail page belongs to). `onNavigate` lets the drawer close as soon as a link is followed.
 */
export function ShellNav({
  label,
  sections,
  idPrefix,
  onNavigate,
}: {
  label: string;
  sections: NavSectionView[];
  /** Keeps the section headings' ids unique when the sidebar and the drawer are both rendered. */
  idPrefix: string;
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex flex-col gap-5">
      {sections.map((section) => {
        const headingId = `${idPrefix}-${section.id}`;
        return (
          <div key={section.id} className="flex flex-col gap-1" data-testid={section.testId}>
            {section.label ? (
              <p
                id={headingId}
                className="px-3 pb-1 font-semibold text-muted-foreground text-xs uppercase tracking-wide"
              >
                {section.label}
              </p>
            ) : null}
            <ul className="flex flex-col gap-0.5" aria-labelledby={section.label ? headingId : undefined}>
              {section.items.map((item) => {
                const state = linkState(item.href, pathname);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={state === 'page' ? 'page' : state === 'inside' ? 'true' : undefined}
                      data-testid={item.testId}
                      onClick={onNavigate}
                      className={cn(
                        'block rounded-md px-3 py-2 text-sm transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring',
                        state ? 'bg-accent font-medium text-accent-foreground' : 'text-muted-foreground',
                      )}
                    >
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
