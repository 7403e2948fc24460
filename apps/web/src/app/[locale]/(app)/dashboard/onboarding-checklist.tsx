'use client';

import type { OnboardingStepId } from '@repo/contracts';
import { CheckCircle2Icon, CircleIcon, XIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { Link, useRouter } from '@/i18n/navigation';
import { api } from '@/lib/api/client';
import { useErrorText } from '@/lib/forms/error-text';
import { cn } from '@/lib/utils';
import { ONBOARDING_STEP_VIEWS } from './onboarding-steps';

/** Dismisses or reopens the checklist (a per-user preference kept by the API), then re-renders the page. */
function useDismissed(onSaved: () => void) {
  const router = useRouter();
  const errorText = useErrorText();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(dismissed: boolean) {
    setPending(true);
    setError(null);
    try {
      await api.patch('/me/onboarding', { dismissed });
      onSaved();
      router.refresh();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPending(false);
    }
  }
  return { pending, error, save };
}

/** The getting-started checklist: each step's state comes from the API, never from a click here. */
export function OnboardingChecklist({ steps }: { steps: { id: OnboardingStepId; done: boolean }[] }) {
  const t = useTranslations('App.onboarding');
  const [hidden, setHidden] = useState(false);
  const { pending, error, save } = useDismissed(() => setHidden(true));
  const done = steps.filter((s) => s.done).length;
  const dismiss = () => save(true);

  if (hidden) return null;
  return (
    <Card data-testid="onboarding">
      <CardHeader className="flex-row flex-wrap items-start gap-3">
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <h2 id="onboarding-title" className="font-semibold text-lg leading-tight tracking-tight">
            {done === steps.length ? t('doneTitle') : t('title')}
          </h2>
          <CardDescription data-testid="onboarding-progress">
            {t('progress', { done, total: steps.length })}
          </CardDescription>
        </div>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={dismiss}
          disabled={pending}
          data-testid="onboarding-dismiss"
        >
          <XIcon aria-hidden="true" />
          {t('dismiss')}
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div
          role="progressbar"
          aria-label={t('title')}
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={done}
          className="h-1.5 overflow-hidden rounded-full bg-muted"
        >
          <div
            className="h-full rounded-full bg-primary"
            style={{ width: `${(done / steps.length) * 100}%` }}
          />
        </div>
        <ol className="flex flex-col divide-y">
          {steps.map(({ id, done: complete }) => {
            const { href, Icon } = ONBOARDING_STEP_VIEWS[id];
            return (
              <li
                key={id}
                data-testid={`onboarding-step-${id}`}
                data-done={complete || undefined}
                className="grid grid-cols-[auto_1fr] items-start gap-x-3 gap-y-2 py-3 sm:grid-cols-[auto_1fr_auto] sm:items-center"
              >
                {complete ? (
                  <CheckCircle2Icon aria-hidden="true" className="size-5 shrink-0 text-success" />
                ) : (
                  <CircleIcon aria-hidden="true" className="size-5 shrink-0 text-muted-foreground" />
                )}
                <div className="flex min-w-0 flex-col gap-0.5">
                  <span
                    className={cn('font-medium text-sm', complete && 'text-muted-foreground line-through')}
                  >
                    {t(`steps.${id}.title`)}
                    <span className="sr-only"> — {complete ? t('stepDone') : t('stepTodo')}</span>
                  </span>
                  <span className="text-muted-foreground text-xs">{t(`steps.${id}.body`)}</span>
                </div>
                {complete ? null : (
                  <Button
                    asChild
                    variant="outline"
                    size="sm"
                    className="col-start-2 justify-self-start sm:col-start-3"
                  >
                    <Link href={href}>
                      <Icon aria-hidden="true" />
                      {t(`steps.${id}.action`)}
                    </Link>
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
        {error ? (
          <p role="alert" className="text-destructive text-sm">
            {error}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** Brings a dismissed checklist back (shown in its place while it is dismissed). */
export function ReopenOnboarding() {
  const t = useTranslations('App.onboarding');
  const { pending, error, save } = useDismissed(() => {});
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        type="button"
        variant="link"
        size="sm"
        className="px-0"
        onClick={() => save(false)}
        disabled={pending}
        data-testid="onboarding-reopen"
      >
        {t('reopen')}
      </Button>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
