import { safeSameOriginPath } from '@repo/contracts';

/**
 * Open-redirect guard for `?next=` (docs/decisions/0011-web-auth.md): only a path on this origin
 * survives, else `fallback`. The rules live in `@repo/contracts` so the API's SSO flow applies
 * the same ones to the `next` it carries through the provider and back.
 */
export function safeNextPath(value: unknown, fallback: string): string {
  return safeSameOriginPath(value) ?? fallback;
}
