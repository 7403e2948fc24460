'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

/** The API failed while loading a signed-in page (down, 5xx): say so and offer a retry. */
export default function AppError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('App');
  return (
    <div
      role="alert"
      className="mx-auto flex min-h-[50dvh] max-w-xl flex-col items-center justify-center gap-4 px-6 text-center"
    >
      <h1 className="font-semibold text-2xl tracking-tight">{t('loadErrorTitle')}</h1>
      <p className="text-muted-foreground">{t('loadErrorBody')}</p>
      <Button onClick={reset}>{t('retry')}</Button>
    </div>
  );
}
