import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// The `/api/*` → API forwarding is a route handler (src/app/api/[[...path]]/route.ts), not
// `rewrites()`: rewrites are evaluated by `next build` and frozen into routes-manifest.json, so
// API_URL would be baked in at build time. The handler reads API_URL per request (ADR 0006).
const nextConfig: NextConfig = {
  transpilePackages: ['@repo/config', '@repo/contracts', '@repo/flags'],
  poweredByHeader: false,
  // `next dev` refuses its dev assets (HMR, chunks) to other hosts than localhost; the e2e suite
  // and the API's mail links may use 127.0.0.1, and pages would never hydrate there.
  allowedDevOrigins: ['127.0.0.1'],
  reactStrictMode: true,
  // The API serves some URLs with a trailing slash (/reference/ for its relative assets); Next's
  // default redirect would strip it from /api/* and loop. src/proxy.ts normalizes page URLs.
  skipTrailingSlashRedirect: true,
  // Docker builds set NEXT_OUTPUT=standalone (docker/web.Dockerfile); `next start` needs the default.
  ...(process.env.NEXT_OUTPUT === 'standalone'
    ? {
        output: 'standalone' as const,
        outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
      }
    : {}),
};

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

export default withNextIntl(nextConfig);
