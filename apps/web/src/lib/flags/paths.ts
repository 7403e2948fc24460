/**
 * A flag's admin page. The key travels as a query parameter, not a path segment: keys contain
 * dots, and the proxy (src/proxy.ts) skips any path with a dot as a static file, so such a page
 * would render without its locale and without the silent session refresh.
 */
export const adminFlagPath = (key: string) => `/admin/flags/edit?key=${encodeURIComponent(key)}`;
