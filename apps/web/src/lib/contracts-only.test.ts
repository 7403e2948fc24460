import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Structural guards for apps/web/src, read as text so they also see files no test imports.
 * 1. Request and response shapes come from @repo/contracts only, the schemas the API validates
 *    with (docs/decisions/0004-api-stack.md, 0011-web-auth.md): a web copy drifts from the API
 *    unnoticed, and the browser then accepts or refuses what the server would not.
 * 2. Route segments share through `components/` (or `lib/`), never through each other's private
 *    `_components` folders: moving or deleting one route must not break another.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Files allowed to build Zod schemas, each with the reason: none of them is an API shape.
 * Keep it short; a form-only field belongs here as `Contract.extend({ … })` of the API's schema.
 */
const SCHEMA_ALLOW_LIST: Record<string, string> = {
  // The web server's own environment variables, not anything the API receives or answers.
  'env.ts': 'server environment parsing',
};

/** Relative paths (with `/`) of the shipped sources: tests and their helpers are not the app. */
function sourceFiles(dir = SRC): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'e2e' && entry.name !== 'node_modules') out.push(...sourceFiles(path));
    } else if (/\.(ts|tsx|mts|cts|js|jsx|mjs)$/.test(entry.name) && !/\.test(-support)?\./.test(entry.name)) {
      out.push(relative(SRC, path).split(sep).join('/'));
    }
  }
  return out.sort();
}

/** Drops comments, so prose that mentions `z.object(` is not mistaken for code. */
const stripComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

/** `import type { z } from 'zod'` (or only `type` specifiers) cannot build anything at runtime. */
function isTypeOnly(clause: string): boolean {
  if (/^type\s/.test(clause)) return true;
  const named = clause.match(/^\{([^}]*)\}$/);
  if (!named?.[1]) return false;
  const specifiers = named[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return specifiers.length > 0 && specifiers.every((s) => s.startsWith('type '));
}

/** Lines of `code` that construct a Zod schema, or bring zod in at runtime to do so. */
export function schemaConstruction(code: string): string[] {
  const found: string[] = [];
  const text = stripComments(code);
  for (const m of text.matchAll(/\b(import|export)\s+([^;'"]*?)\s*from\s*['"](zod(?:\/[^'"]*)?)['"]/g)) {
    const clause = (m[2] ?? '').replace(/\s+/g, ' ').trim();
    if (m[1] === 'export' || !isTypeOnly(clause)) found.push(m[0].replace(/\s+/g, ' '));
  }
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]zod(?:\/[^'"]*)?['"]\s*\)/g))
    found.push(m[0]);
  // Builders reached however `z` got here (a re-export, a global): `z.object(`, `z.coerce.number(`.
  for (const m of text.matchAll(/\bz\s*\.\s*(?:[A-Za-z]\w*\s*\.\s*)?[A-Za-z]\w*\s*\(/g)) found.push(m[0]);
  return found;
}

/** Module specifiers of every import, re-export, dynamic import and require in `code`. */
export function importSpecifiers(code: string): string[] {
  const text = stripComments(code);
  const specs: string[] = [];
  for (const m of text.matchAll(/\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g))
    specs.push(m[1] ?? '');
  for (const m of text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) specs.push(m[1] ?? '');
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1] ?? '');
  return specs;
}

/**
 * A `_components` folder is private to the directory that holds it: `app/(app)/settings/_components`
 * serves `app/(app)/settings/**` only. Returns why `spec`, imported by `file` (relative to src),
 * reaches into someone else's, or null when it does not.
 */
export function foreignComponentsImport(file: string, spec: string): string | null {
  if (!/(^|\/)_components(\/|$)/.test(spec)) return null;
  let target: string;
  if (spec.startsWith('@/')) target = spec.slice(2);
  else if (spec.startsWith('.')) target = join(dirname(file), spec).split(sep).join('/');
  else return null; // a package: not one of our route folders
  const segments = target.split('/');
  const at = segments.lastIndexOf('_components');
  const owner = segments.slice(0, at).join('/');
  const inside = owner === '' || file.startsWith(`${owner}/`);
  return inside ? null : `${file} imports ${spec} (private to ${owner || 'src'})`;
}

const files = sourceFiles();
const read = (file: string) => readFileSync(join(SRC, file), 'utf8');

describe('web schemas come from @repo/contracts', () => {
  it('scans the app', () => {
    // A broken walk would make every check below pass vacuously.
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('env.ts');
  });

  it('builds no Zod schema outside the allow-list', () => {
    const offenders = files
      .filter((file) => !(file in SCHEMA_ALLOW_LIST))
      .map((file) => ({ file, found: schemaConstruction(read(file)) }))
      .filter(({ found }) => found.length > 0)
      .map(({ file, found }) => `${file}: ${found.join(' | ')}`);
    expect(
      offenders,
      'Import the request/response schema from @repo/contracts (add it there if it is missing) ' +
        'instead of declaring one in the web app',
    ).toEqual([]);
  });

  it('keeps the allow-list honest', () => {
    const stale = Object.keys(SCHEMA_ALLOW_LIST).filter(
      (file) => !files.includes(file) || schemaConstruction(read(file)).length === 0,
    );
    expect(stale, 'allow-listed files that no longer exist or build a schema').toEqual([]);
  });

  it('recognises schema construction', () => {
    expect(schemaConstruction("import { z } from 'zod';\nconst A = z.object({});")).toHaveLength(2);
    expect(schemaConstruction("import * as zod from 'zod/v4';")).toHaveLength(1);
    expect(schemaConstruction("import { type ZodType, object } from 'zod';")).toHaveLength(1);
    expect(schemaConstruction("export { z } from 'zod';")).toHaveLength(1);
    expect(schemaConstruction('const n = z.coerce.number();')).toHaveLength(1);
    expect(schemaConstruction("import type { z } from 'zod';\ntype T = z.infer<typeof A>;")).toEqual([]);
    expect(schemaConstruction("import { type z } from 'zod';")).toEqual([]);
    expect(schemaConstruction('// z.object( in prose\n/* z.strictObject( */')).toEqual([]);
  });
});

describe('route segments share through components/', () => {
  it("imports no other segment's _components", () => {
    const offenders = files.flatMap((file) =>
      importSpecifiers(read(file))
        .map((spec) => foreignComponentsImport(file, spec))
        .filter((why): why is string => why !== null),
    );
    expect(
      offenders,
      'Move what two route segments share to src/components/ (or src/lib/) and import it from there',
    ).toEqual([]);
  });

  it('tells own from foreign _components', () => {
    const page = 'app/[locale]/(app)/admin/flags/edit/page.tsx';
    expect(foreignComponentsImport(page, '../_components/flag-editor')).toBeNull();
    expect(foreignComponentsImport(page, '../../../_components/reauth-provider')).toBeNull();
    expect(foreignComponentsImport(page, '@/app/[locale]/(app)/_components/reauth-provider')).toBeNull();
    expect(foreignComponentsImport(page, '../../../settings/_components/section')).toMatch(/private to/);
    expect(foreignComponentsImport(page, '@/app/[locale]/(app)/settings/_components/section')).toMatch(
      /private to/,
    );
    expect(foreignComponentsImport('components/x.tsx', '@/app/[locale]/(app)/_components/y')).toMatch(
      /private to/,
    );
    expect(foreignComponentsImport(page, '@/components/layout/section')).toBeNull();
  });
});
