// Prisma CLI configuration (Prisma 7 reads the schema location from here). Only
// `prisma generate` runs through the Prisma CLI in this repo: migrations are applied by
// our own migrator (src/migrate.ts, ADR 0002), so no datasource URL is needed here.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
});
