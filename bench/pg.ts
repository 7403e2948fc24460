/**
 * `pg` for the benchmark's raw-SQL baselines. It is a dependency of @repo/db, not of the root
 * package, so it is resolved from there (the same copy the API's driver adapter uses).
 */
import { createRequire } from 'node:module';
import type PgModule from '../packages/db/node_modules/@types/pg/index';

const requireFromDb = createRequire(new URL('../packages/db/package.json', import.meta.url));
export const pg = requireFromDb('pg') as typeof PgModule;
export type PgPool = InstanceType<typeof PgModule.Pool>;
