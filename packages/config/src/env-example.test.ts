import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as fragments from './fragments';

// P3: `.env.example` documents every variable. A fragment key missing from it fails here, so the
// file cannot fall behind the code.
const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

describe('.env.example', () => {
  const keys = Object.entries(fragments)
    .filter(([name]) => name.endsWith('Env'))
    .flatMap(([, shape]) => Object.keys(shape as object));

  it('has variables to check', () => expect(keys.length).toBeGreaterThan(20));
  it.each(keys)('documents %s', (key) => expect(documented.has(key)).toBe(true));
});
