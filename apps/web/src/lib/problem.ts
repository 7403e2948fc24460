import { Problem } from '@repo/contracts';

/** What the waitlist form should show for an API answer. */
export type SubmitOutcome =
  | { kind: 'success' }
  | { kind: 'field'; field: string; message: string; code: string }
  | { kind: 'rate_limited' }
  | { kind: 'error'; code?: string };

/**
 * Field paths come from the API's Zod issues and may be written `email`, `/email` or
 * `body.email`; the form only needs the last segment.
 */
export function fieldName(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  return parts.at(-1) ?? '';
}

/** Maps an HTTP status and (possibly non-JSON) body to a form outcome. Never throws. */
export function interpretSubmitResponse(status: number, body: unknown): SubmitOutcome {
  if (status >= 200 && status < 300) return { kind: 'success' };
  const problem = Problem.safeParse(body);
  if (status === 429 || (problem.success && problem.data.code === 'rate_limited')) {
    return { kind: 'rate_limited' };
  }
  if (!problem.success) return { kind: 'error' };
  const first = problem.data.errors?.find((e) => fieldName(e.path) !== '');
  if (first) {
    return { kind: 'field', field: fieldName(first.path), message: first.message, code: first.code };
  }
  return { kind: 'error', code: problem.data.code };
}
