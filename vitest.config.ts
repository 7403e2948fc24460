import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic, no services) and `integration` (*.int.test.ts, against real
// PostgreSQL/Redis/S3/SMTP started once per run by @repo/testing's global setup).
const exclude = ['**/node_modules/**', '**/dist/**', '**/.next/**', '**/e2e/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Distinct group orders let both projects run in one `vitest run` despite different pools.
          sequence: { groupOrder: 0 },
          include: [
            '{apps,packages}/**/*.test.ts',
            'prisma/**/*.test.ts',
            'scripts/**/*.test.ts',
            'docker/**/*.test.ts',
            'deploy/**/*.test.ts',
            'generators/**/*.test.ts',
          ],
          exclude: [...exclude, '**/*.int.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: [
            '{apps,packages}/**/*.int.test.ts',
            'prisma/**/*.int.test.ts',
            'docker/**/*.int.test.ts',
            'tests/**/*.int.test.ts',
            // The feature generator's end-to-end check (it runs a nested integration run of its own).
            'scripts/**/*.int.test.ts',
          ],
          exclude,
          environment: 'node',
          globalSetup: ['./packages/testing/src/global-setup.ts'],
          setupFiles: ['./packages/testing/src/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
});
