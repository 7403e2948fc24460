import { parseTrustProxy } from '@repo/config/trust-proxy';
import { z } from 'zod';

/**
 * Server-side environment of the web app. Read lazily (at request time, not at import) so the
 * same `next build` output runs against any API given when the server starts.
 */
const ServerEnv = z.object({
  /**
   * The web app's public URL, the same variable the API puts in emailed links: the origin of
   * absolute URLs in page metadata (canonical, hreflang, Open Graph), robots.txt and the
   * sitemap. Static pages (the marketing home) take it when `next build` renders them.
   */
  APP_URL: z
    .url()
    .default('http://localhost:3000')
    .transform((u) => new URL(u).origin),
  /** Where the API listens; browser calls reach it through the same-origin `/api/*` proxy. */
  API_URL: z
    .url()
    .default('http://127.0.0.1:4000')
    .transform((u) => u.replace(/\/+$/, '')),
  /**
   * The API's request body limit (the same variable the API reads). The `/api` proxy refuses
   * larger bodies itself: an API that refuses one mid-upload closes the connection under it,
   * and the proxy could not pass that 413 on.
   */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /**
   * Which proxies in front of the web server (a load balancer) may name the client in
   * X-Forwarded-For: false (none, the default: the TCP peer is the client), true, a hop count,
   * or addresses/CIDRs/`loopback`. The API learns the result, never the browser's own header.
   */
  WEB_TRUST_PROXY: z
    .string()
    .default('false')
    .refine((raw) => {
      try {
        parseTrustProxy(raw, 'WEB_TRUST_PROXY');
        return true;
      } catch {
        return false;
      }
    }, 'false | true | hop count | comma-separated addresses, CIDR ranges or loopback'),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  // Empty strings count as unset, like @repo/config's loadEnv.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = ServerEnv.safeParse(cleaned);
  if (!result.success) {
    const names = result.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid web server environment: ${names}`);
  }
  return result.data;
}

export function serverEnv(): ServerEnv {
  return parseServerEnv({
    APP_URL: process.env.APP_URL,
    API_URL: process.env.API_URL,
    BODY_LIMIT_BYTES: process.env.BODY_LIMIT_BYTES,
    WEB_TRUST_PROXY: process.env.WEB_TRUST_PROXY,
  });
}
