'use client';

import { createContext, useContext } from 'react';
import type { FieldIssue } from '@/lib/api/api-error';
import { issueAnchor } from '@/lib/flags/definition-form';

/** The API's validation issues of the last save, shown beside the fields they name. */
export const IssuesContext = createContext<readonly FieldIssue[]>([]);

/** DOM id of the editor field for a definition path (`rules.0.variant` → `flag-rules-0-variant`). */
export const fieldId = (path: string) => `flag-${path.replaceAll('.', '-') || 'root'}`;
const errorId = (path: string) => `${fieldId(path)}-error`;

function useIssuesAt(path: string): readonly FieldIssue[] {
  return useContext(IssuesContext).filter((issue) => issueAnchor(issue.path) === path);
}

/** `aria-invalid` / `aria-describedby` for the field at `path` while the API flags it. */
export function useInvalid(path: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const invalid = useIssuesAt(path).length > 0;
  return invalid ? { 'aria-invalid': true, 'aria-describedby': errorId(path) } : {};
}

/** The API's messages for `path` (English: they come from the shared schema), under the field. */
export function FieldIssues({ path }: { path: string }) {
  const issues = useIssuesAt(path);
  if (issues.length === 0) return null;
  return (
    <p id={errorId(path)} className="text-destructive text-sm" data-testid="flag-field-issue">
      {issues.map((issue) => issue.message).join(' · ')}
    </p>
  );
}
