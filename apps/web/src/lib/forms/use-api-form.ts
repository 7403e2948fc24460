'use client';

import { type FormEvent, useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError, isApiError } from '@/lib/api/api-error';
import { fieldName } from '@/lib/problem';
import { useErrorText, useFieldText } from './error-text';

export type FieldErrors = Record<string, string>;

type Options<S extends z.ZodType> = {
  /** The API's own request schema from @repo/contracts: the browser rejects what the server would. */
  schema: S;
  /** FormData → the request body (before validation). */
  values: (form: FormData) => unknown;
  submit: (body: z.output<S>) => Promise<void>;
  /** Lets a form handle some errors itself (e.g. email_not_verified); return true when handled. */
  onError?: (error: unknown) => boolean;
};

/**
 * Client-side validation with the shared schema, then the request; maps problem+json field
 * errors onto inputs and anything else to one localized form-level message. Focuses the first
 * invalid field so keyboard and screen-reader users land on the problem.
 */
export function useApiForm<S extends z.ZodType>({ schema, values, submit, onError }: Options<S>) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errorText = useErrorText();
  const fieldText = useFieldText();

  // A field the form has no input for (e.g. a token from the URL) cannot show its error inline.
  const hasInput = useCallback((field: string) => formRef.current?.elements.namedItem(field) != null, []);

  const focusFirst = useCallback((errors: FieldErrors) => {
    const first = Object.keys(errors)[0];
    if (!first) return;
    const el = formRef.current?.elements.namedItem(first);
    if (el instanceof HTMLElement) el.focus();
  }, []);

  const onSubmit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (pending) return;
      setFormError(null);
      const parsed = schema.safeParse(values(new FormData(event.currentTarget)));
      if (!parsed.success) {
        const errors: FieldErrors = {};
        for (const issue of parsed.error.issues) {
          const field = String(issue.path.at(-1) ?? '');
          const minimum = 'minimum' in issue ? Number(issue.minimum) : undefined;
          errors[field] ??= fieldText({ code: issue.code, message: issue.message, field, minimum });
        }
        if (!Object.keys(errors).every(hasInput)) {
          setFieldErrors({});
          setFormError(errorText(new ApiError({ status: 400, code: 'link_invalid' })));
          return;
        }
        setFieldErrors(errors);
        focusFirst(errors);
        return;
      }
      setFieldErrors({});
      setPending(true);
      try {
        await submit(parsed.data);
      } catch (error) {
        // The user closed the re-auth prompt: nothing to report.
        if (isApiError(error, 'reauth_cancelled')) return;
        if (onError?.(error)) return;
        const fromApi: FieldErrors = {};
        if (isApiError(error)) {
          for (const issue of error.errors) {
            const field = fieldName(issue.path);
            if (field && hasInput(field)) fromApi[field] ??= fieldText({ ...issue, field });
          }
        }
        setFieldErrors(fromApi);
        if (Object.keys(fromApi).length > 0) focusFirst(fromApi);
        else setFormError(errorText(error));
      } finally {
        setPending(false);
      }
    },
    [pending, schema, values, submit, onError, fieldText, errorText, focusFirst, hasInput],
  );

  return { formRef, onSubmit, fieldErrors, formError, setFormError, pending };
}
