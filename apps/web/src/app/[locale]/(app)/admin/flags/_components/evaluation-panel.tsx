'use client';

import type { AdminFlagEvaluation } from '@repo/contracts';
import { Loader2Icon, SearchCheckIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { InlineError } from '@/components/form/inline-error';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Link } from '@/i18n/navigation';
import { adminUsersApi } from '@/lib/api/admin-users';
import { adminFlagsApi } from '@/lib/flags/admin-api';
import { useErrorText } from '@/lib/forms/error-text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Which variant does this user get?": the API evaluates the stored definition with the user's
 * id, global role, email and active organization (or the organization given) and says why. The
 * API takes an id; an email is first looked up with the admin users search.
 */
export function EvaluationPanel({ flagKey, initialUser = '' }: { flagKey: string; initialUser?: string }) {
  const t = useTranslations('AdminFlags.evaluation');
  const errorText = useErrorText();
  const userId = useId();
  const orgId = useId();
  const [who, setWho] = useState(initialUser);
  const [organization, setOrganization] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<AdminFlagEvaluation | null>(null);

  async function resolveUser(input: string): Promise<string | null | undefined> {
    if (input === '') return undefined;
    if (UUID.test(input)) return input.toLowerCase();
    if (!input.includes('@')) return null;
    const page = await adminUsersApi.list({ q: input }, { limit: 20 });
    return page.users.find((u) => u.email.toLowerCase() === input.toLowerCase())?.id ?? null;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const input = who.trim();
    const org = organization.trim();
    if (org !== '' && !UUID.test(org)) {
      setError(t('invalidOrganization'));
      return;
    }
    setPending(true);
    try {
      const user = await resolveUser(input);
      if (user === null) {
        setResult(null);
        setError(input.includes('@') ? t('noSuchEmail') : t('invalidUser'));
        return;
      }
      setResult(await adminFlagsApi.explain(flagKey, { userId: user, organizationId: org || undefined }));
    } catch (e) {
      setResult(null);
      setError(errorText(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" data-testid="flag-evaluation-form">
        <div className="flex min-w-64 flex-1 flex-col gap-2">
          <Label htmlFor={userId}>{t('user')}</Label>
          <Input
            id={userId}
            dir="ltr"
            value={who}
            onChange={(e) => setWho(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${userId}-hint`}
          />
          <p id={`${userId}-hint`} className="text-muted-foreground text-xs">
            {t('userHint')}
          </p>
        </div>
        <div className="flex min-w-64 flex-1 flex-col gap-2">
          <Label htmlFor={orgId}>{t('organization')}</Label>
          <Input
            id={orgId}
            dir="ltr"
            value={organization}
            onChange={(e) => setOrganization(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${orgId}-hint`}
          />
          <p id={`${orgId}-hint`} className="text-muted-foreground text-xs">
            {t('organizationHint')}
          </p>
        </div>
        <Button
          type="submit"
          variant="outline"
          disabled={pending}
          className="mb-6"
          data-testid="flag-evaluate"
        >
          {pending ? (
            <Loader2Icon aria-hidden="true" className="animate-spin" />
          ) : (
            <SearchCheckIcon aria-hidden="true" />
          )}
          {t('submit')}
        </Button>
      </form>
      <InlineError error={error} testId="flag-evaluation-error" />
      <div aria-live="polite">{result ? <EvaluationResult result={result} /> : null}</div>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function EvaluationResult({ result }: { result: AdminFlagEvaluation }) {
  const t = useTranslations('AdminFlags.evaluation');
  const tf = useTranslations('AdminFlags.form');
  const reason = (() => {
    switch (result.reason) {
      case 'kill_switch':
        return t('reasons.kill_switch');
      case 'rule':
        return t('reasons.rule', { rule: result.ruleId ?? '?' });
      case 'rollout':
        return result.ruleId
          ? t('reasons.ruleRollout', { rule: result.ruleId, bucket: result.bucket ?? 0 })
          : t('reasons.rollout', { bucket: result.bucket ?? 0 });
      case 'missing_context':
        return t('reasons.missing_context', { environment: tf(`environments.${result.environment}`) });
      default:
        return t('reasons.default', { environment: tf(`environments.${result.environment}`) });
    }
  })();
  const dash = <span className="text-muted-foreground">—</span>;
  const { context } = result;

  return (
    <dl
      className="grid gap-4 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-3"
      data-testid="flag-evaluation"
      data-variant={result.variant}
      data-reason={result.reason}
    >
      <Row label={t('variant')}>
        <Badge variant="secondary" data-testid="flag-evaluation-variant">
          {result.variant}
        </Badge>
      </Row>
      <Row label={t('value')}>
        <code dir="ltr" className="break-all text-xs">
          {result.value === undefined ? 'null' : JSON.stringify(result.value)}
        </code>
      </Row>
      <Row label={t('reason')}>
        <span data-testid="flag-evaluation-reason">{reason}</span>
      </Row>
      <Row label={t('contextUser')}>
        {context.userId ? (
          <Link href={`/admin/users/${context.userId}`} className="underline underline-offset-4">
            <bdi dir="ltr">{context.email ?? context.userId}</bdi>
          </Link>
        ) : (
          dash
        )}
      </Row>
      <Row label={t('contextRole')}>{context.role ?? dash}</Row>
      <Row label={t('contextOrganization')}>
        {context.organizationId ? (
          <Link
            href={`/admin/organizations/${context.organizationId}`}
            className="underline underline-offset-4"
          >
            <code dir="ltr" className="break-all text-xs">
              {context.organizationId}
            </code>
          </Link>
        ) : (
          dash
        )}
      </Row>
    </dl>
  );
}
