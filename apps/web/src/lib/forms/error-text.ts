'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { isApiError } from '@/lib/api/api-error';
import { LOCALIZED_ERROR_CODES } from './error-codes';

const KNOWN: ReadonlySet<string> = new Set(LOCALIZED_ERROR_CODES);

/** Localized sentence for any error a form can meet (ApiError codes, network, unknown). */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations('Errors');
  const format = useFormatter();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t('generic');
      const { code, retryAfter } = error;
      if (code === 'account_locked') {
        if (retryAfter === undefined) return t('account_lockedNoTime');
        const until = new Date(Date.now() + retryAfter * 1000);
        return t('account_locked', { time: format.dateTime(until, { hour: 'numeric', minute: '2-digit' }) });
      }
      if (code === 'rate_limited') {
        return retryAfter === undefined
          ? t('rate_limitedNoTime')
          : t('rate_limited', { seconds: Math.max(1, retryAfter) });
      }
      return KNOWN.has(code) ? t(code as 'generic') : t('generic');
    },
    [t, format],
  );
}

/** Localized text for one field issue: by Zod/API issue code, else the API's own message. */
export function useFieldText(): (issue: {
  code: string;
  message: string;
  field: string;
  minimum?: number;
}) => string {
  const t = useTranslations('Fields');
  return useCallback(
    ({ code, message, field, minimum }) => {
      if (field === 'email' || field === 'newEmail') return t('email');
      if (field === 'code') return t('code');
      if (field === 'backupCode') return t('backupCode');
      if (code === 'too_small' && minimum !== undefined && minimum > 1)
        return t('tooShort', { min: minimum });
      if (code === 'too_small') return t('required');
      if (code === 'too_big') return t('tooLong');
      if (field === 'timezone') return t('timezone');
      if (/common|breached|pwned/.test(code)) return t('passwordCommon');
      if (/context|contains/.test(code)) return t('passwordContext');
      // The API's message is English; a field-specific one beats a vague localized sentence.
      return message || t('invalid');
    },
    [t],
  );
}
