'use client';

import { FILE_REJECT_REASONS, type FileRejectReason } from '@repo/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { isApiError } from '../api/api-error';
import { useErrorText } from '../forms/error-text';
import { byteUnit } from './bytes';
import { MissingEtagError, TransferError } from './errors';

/** "1.5 MB" in the reader's language. */
export function useBytes(): (bytes: number) => string {
  const format = useFormatter();
  return useCallback(
    (bytes: number) => {
      const { value, unit, fractionDigits } = byteUnit(bytes);
      return format.number(value, {
        style: 'unit',
        unit,
        // "591 bytes" reads better than the short form's "591 byte"; larger units stay short (4.9 kB).
        unitDisplay: unit === 'byte' ? 'long' : 'short',
        maximumFractionDigits: fractionDigits,
      });
    },
    [format],
  );
}

/** The API's file codes with a sentence of their own (Files.errors.<code>). */
const UPLOAD_CODES = [
  'file_too_large',
  'storage_quota_exceeded',
  'file_type_not_allowed',
  'empty_file',
] as const;

/**
 * Localized text for what can go wrong with an upload: the API's codes (with the limit where the
 * API says it), the object store refusing or unreachable, and the worker's rejection reasons.
 */
export function useUploadErrorText() {
  const t = useTranslations('Files');
  const errorText = useErrorText();
  const error = useCallback(
    (e: unknown): string => {
      if (isApiError(e) && (UPLOAD_CODES as readonly string[]).includes(e.code)) {
        return t(`errors.${e.code as (typeof UPLOAD_CODES)[number]}`);
      }
      if (e instanceof MissingEtagError) return t('errors.etag');
      if (e instanceof TransferError) return e.status === 0 ? t('errors.network') : t('errors.refused');
      return errorText(e);
    },
    [t, errorText],
  );
  const rejected = useCallback(
    (reason: string | null): string =>
      (FILE_REJECT_REASONS as readonly string[]).includes(reason ?? '')
        ? t(`rejected.${reason as FileRejectReason}`)
        : t('rejected.unknown'),
    [t],
  );
  return { error, rejected };
}
