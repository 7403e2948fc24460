import { type ApiKey, type ApiKeyScope, ApiKeyScopes } from '@repo/contracts';

/** The create form's grouping: one row per resource, read and write side by side. */
export const SCOPE_RESOURCES = [
  'organization',
  'members',
  'webhooks',
  'files',
  // gen:api-key-scope-resources
] as const;
export type ScopeResource = (typeof SCOPE_RESOURCES)[number];
export type ScopeAccess = 'read' | 'write';

export function scopeOf(resource: ScopeResource, access: ScopeAccess): ApiKeyScope {
  return `${resource}:${access}`;
}

export function splitScope(scope: ApiKeyScope): { resource: ScopeResource; access: ScopeAccess } {
  const [resource, access] = scope.split(':') as [ScopeResource, ScopeAccess];
  return { resource, access };
}

/**
 * Write access to a resource is useless without read access to it (the API checks each scope on
 * its own), so the form adds `x:read` for every `x:write`. Keeps the contract's order.
 */
export function withImpliedScopes(selected: Iterable<ApiKeyScope>): ApiKeyScope[] {
  const out = new Set(selected);
  for (const scope of [...out]) {
    const { resource, access } = splitScope(scope);
    if (access === 'write') out.add(scopeOf(resource, 'read'));
  }
  return ApiKeyScopes.filter((s) => out.has(s));
}

export const EXPIRY_CHOICES = ['never', '30', '90', '365'] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

/** `never` → no expiry; otherwise that many days from `now`, as the ISO string the API takes. */
export function expiryToIso(choice: string, now = Date.now()): string | undefined {
  const days = Number(choice);
  if (choice === 'never' || !Number.isInteger(days) || days <= 0) return undefined;
  return new Date(now + days * 86_400_000).toISOString();
}

/**
 * Keys that still work (in the API's order), dead ones apart. `keep` holds keys that stay in the
 * first list whatever their status (just revoked on this page: the row should not vanish).
 */
export function partitionKeys(
  keys: ApiKey[],
  keep: ReadonlySet<string> = new Set(),
): { live: ApiKey[]; dead: ApiKey[] } {
  const works = (k: ApiKey) => k.status === 'active' || k.status === 'expiring' || keep.has(k.id);
  return { live: keys.filter(works), dead: keys.filter((k) => !works(k)) };
}
