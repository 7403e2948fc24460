import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode as CatalogCode } from '@repo/contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ErrorCode } from '../src/errors';
import { generateSchema, SCHEMA_FILE } from './schema';

/**
 * The committed types are what the API documents today. Regenerated in memory from the document
 * the API builds in-process; a route or contract change without `pnpm sdk:generate` fails here.
 */
describe('the SDK types', () => {
  it('match the API document (run `pnpm sdk:generate` when this fails)', async () => {
    const committed = readFileSync(join(import.meta.dirname, '..', SCHEMA_FILE), 'utf8');
    const fresh = await generateSchema();
    // One message instead of a 5,000-line diff: what to run.
    expect(fresh === committed, 'packages/sdk/src/generated/schema.ts is stale: run pnpm sdk:generate').toBe(
      true,
    );
  }, 60_000);

  it('narrow errors on exactly the codes of the error catalog', () => {
    expectTypeOf<ErrorCode>().toEqualTypeOf<CatalogCode>();
  });
});
