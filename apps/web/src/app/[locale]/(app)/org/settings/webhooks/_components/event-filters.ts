/**
 * The event picker's model: what is ticked, and the filters the API receives (`*`, `family.*`
 * or single types). Pure, so it is unit-tested without a browser.
 */

export const ALL_EVENTS = '*';

/** `member.role_changed` → `member`. */
export const familyOf = (type: string): string => type.split('.')[0] ?? type;
export const familyFilter = (family: string): string => `${family}.*`;

/** Event types grouped by family, in catalog order. */
export function groupByFamily(types: readonly string[]): { family: string; types: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    const family = familyOf(type);
    groups.set(family, [...(groups.get(family) ?? []), type]);
  }
  return [...groups].map(([family, list]) => ({ family, types: list }));
}

/** Whether `type` is received with `filters` (directly, by its family, or by `*`). */
export function covers(filters: ReadonlySet<string>, type: string): boolean {
  return filters.has(ALL_EVENTS) || filters.has(familyFilter(familyOf(type))) || filters.has(type);
}

/**
 * The smallest list of filters for what is ticked: `*` alone, else family wildcards plus the
 * single types no wildcard covers.
 */
export function normalizeFilters(filters: ReadonlySet<string>): string[] {
  if (filters.has(ALL_EVENTS)) return [ALL_EVENTS];
  const wildcards = [...filters].filter((f) => f.endsWith('.*'));
  const singles = [...filters].filter((f) => !f.endsWith('.*') && !covers(new Set(wildcards), f));
  return [...wildcards, ...singles];
}
