import { useTranslations } from 'next-intl';

/**
 * FORKERS: YOUR PRODUCT GOES HERE. This placeholder is the dashboard's main area; replace it with
 * your product's first screen (a list of the user's projects, a chart, an editor…). Keep the
 * getting-started checklist above it, and add your own steps to it (docs/onboarding.md).
 */
export function ProductSlot() {
  const t = useTranslations('App.dashboard');
  return (
    <section
      aria-labelledby="product-slot-title"
      data-testid="product-slot"
      className="flex flex-col gap-2 rounded-xl border-2 border-dashed p-6"
    >
      <h2 id="product-slot-title" className="font-semibold text-lg tracking-tight">
        {t('productTitle')}
      </h2>
      <p className="text-muted-foreground text-sm">{t('productBody')}</p>
      <code dir="ltr" className="self-start break-all rounded bg-muted px-2 py-1 text-xs">
        apps/web/src/app/[locale]/(app)/dashboard/product-slot.tsx
      </code>
    </section>
  );
}
