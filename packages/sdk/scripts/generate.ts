/** `pnpm sdk:generate`: rewrites src/generated/schema.ts from the API's current document. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSchema, SCHEMA_FILE } from './schema';

const file = join(import.meta.dirname, '..', SCHEMA_FILE);
writeFileSync(file, await generateSchema());
console.info(`wrote ${SCHEMA_FILE}`);
