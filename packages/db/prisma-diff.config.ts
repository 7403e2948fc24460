// Configuration for Prisma 6.19's CLI (aliased as `prisma-diff`), used ONLY to compute
// schema-to-schema SQL diffs (src/migrations/schema-diff.ts, ADR 0002). Its experimental
// JavaScript schema engine runs in-process (wasm) through a driver adapter, so it works
// without the native engine binary that cannot be downloaded here. It connects to the
// database to read the server version; it never introspects or changes it.
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma-diff/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  // The 7.x adapter satisfies the 6.19 factory interface for what diffing uses.
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DIFF_DATABASE_URL ?? '', idleTimeoutMillis: 1 }) as never,
});
