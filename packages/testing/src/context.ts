/** Env handed from the global setup to every vitest worker (see setup.ts). */
export type DevstackEnv = Record<string, string>;

declare module 'vitest' {
  export interface ProvidedContext {
    devstack: DevstackEnv;
  }
}

/** Database every worker's own database is cloned from. */
export const TEMPLATE_DATABASE = 'groundwork_template';
/** Identifies one `vitest run`, so a worker slot can tell its database was made in this run. */
export const RUN_ID_KEY = 'GROUNDWORK_TEST_RUN_ID';

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
