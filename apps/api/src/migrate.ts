// One-shot migration job for containers (`node dist/migrate.js`): compose runs it before the
// API starts, Kubernetes as a Job or init container. Development uses `pnpm db:migrate`.
// Concurrent runs are safe: the migrator serializes them with an advisory lock.
import { baseEnv, databaseEnv, loadEnvOrExit } from '@repo/config';
import { migrate } from '@repo/db/migrate';
import { createLogger } from '@repo/observability';
import { z } from 'zod';

const env = loadEnvOrExit(z.object({ ...baseEnv, ...databaseEnv }));
const logger = createLogger({ service: 'migrate', level: env.LOG_LEVEL });

try {
  const { applied } = await migrate({ url: env.DATABASE_URL, log: (line) => logger.info(line) });
  logger.info(
    { applied },
    applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date',
  );
} catch (error) {
  logger.error({ err: error }, 'migration failed');
  process.exitCode = 1;
}
