import type { WebhookCatalog } from '@repo/contracts';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import { CodeBlock } from './code-block';

/**
 * The event catalog in the app: each type with its description and an example of `data`,
 * collapsed by default under the endpoints. Descriptions come from the API's catalog, in English
 * like the payloads they describe.
 */
export async function EventCatalog({ catalog }: { catalog: z.infer<typeof WebhookCatalog> }) {
  const t = await getTranslations('Webhooks.catalog');
  return (
    <details className="group min-w-0 rounded-xl border" data-testid="webhooks-catalog">
      <summary className="cursor-pointer select-none rounded-xl px-4 py-3 font-semibold hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring">
        {t('title', { count: catalog.events.length })}
      </summary>
      <div className="flex flex-col gap-4 border-t p-4">
        <p className="text-muted-foreground text-sm">{t('lead')}</p>
        <ul className="flex flex-col divide-y rounded-lg border">
          {catalog.events.map((event) => (
            <li key={event.type} className="flex min-w-0 flex-col gap-2 p-3" data-event-type={event.type}>
              <h3 className="flex flex-wrap items-center gap-2 text-sm">
                <code dir="ltr" className="break-all font-mono font-semibold">
                  {event.type}
                </code>
                <span className="text-muted-foreground text-xs">
                  {t('version', { version: event.version })}
                </span>
              </h3>
              <p className="text-sm" lang="en">
                {event.description}
              </p>
              <details className="min-w-0">
                <summary className="cursor-pointer text-muted-foreground text-xs hover:text-foreground">
                  {t('example')}
                </summary>
                <CodeBlock
                  className="mt-2"
                  label={t('exampleOf', { type: event.type })}
                  text={JSON.stringify(event.example, null, 2)}
                />
              </details>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
