import { useTranslations } from 'next-intl';
import { AccountCta } from '@/components/account-cta';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';

// Terminal lines are product output, not UI copy: they stay English and left-to-right.
const terminal = [
  { prompt: true, text: 'pnpm dev' },
  { prompt: false, text: '✓ postgres   127.0.0.1:54320' },
  { prompt: false, text: '✓ redis      127.0.0.1:63790' },
  { prompt: false, text: '✓ s3         127.0.0.1:4569' },
  { prompt: false, text: '✓ api        http://localhost:4000' },
  { prompt: false, text: '✓ web        http://localhost:3000' },
];

export function Hero() {
  const t = useTranslations('Home');

  return (
    <section aria-labelledby="hero-title" className="relative overflow-hidden border-b">
      <div
        aria-hidden="true"
        className="-z-10 pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top,var(--color-accent),transparent_65%)]"
      />
      <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-20 sm:px-6 lg:grid-cols-[1.1fr_0.9fr] lg:py-28">
        <div className="flex flex-col items-start gap-6">
          <Badge variant="outline" className="bg-background px-3 py-1">
            {t('eyebrow')}
          </Badge>
          <h1
            id="hero-title"
            className="text-balance font-semibold text-4xl tracking-tight sm:text-5xl lg:text-6xl"
          >
            {t('title')}
          </h1>
          <p className="max-w-prose text-pretty text-lg text-muted-foreground">{t('lead')}</p>
          <div className="flex flex-wrap gap-3">
            <AccountCta size="lg" arrow />
            <Button asChild size="lg" variant="outline">
              <a href="/api/reference">{t('ctaSecondary')}</a>
            </Button>
          </div>
        </div>
        <div
          dir="ltr"
          className="overflow-hidden rounded-xl border bg-card font-mono text-card-foreground text-sm shadow-lg"
        >
          <div aria-hidden="true" className="flex gap-1.5 border-b px-4 py-3">
            <span className="size-3 rounded-full bg-muted-foreground/30" />
            <span className="size-3 rounded-full bg-muted-foreground/30" />
            <span className="size-3 rounded-full bg-muted-foreground/30" />
          </div>
          <pre className="overflow-x-auto p-4 leading-7">
            {terminal.map((line) => (
              <div key={line.text}>
                {line.prompt ? <span className="text-muted-foreground">$ </span> : null}
                <span className={line.prompt ? '' : 'text-success'}>{line.text}</span>
              </div>
            ))}
          </pre>
        </div>
      </div>
    </section>
  );
}
