import { z } from 'zod';

/**
 * Server-side environment of the web app. Read lazily (at request time, not at import) so the
 * same `next build` output runs against any API given when the server starts.
 */
const ServerEnv = z.object({
  /** Where the API listens; browser calls reach it through the same-origin `/api/*` proxy. */
  API_URL: z
    .url()
    .default('http://127.0.0.1:4000')
    .transform((u) => u.replace(/\/+$/, '')),
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
  return parseServerEnv({ API_URL: process.env.API_URL });
}
