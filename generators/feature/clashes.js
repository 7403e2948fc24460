import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANCHORS } from './edits.js';

/**
 * Why a feature name cannot be generated in the repository at `root`: it is a reserved word, or
 * something of that name is already there (a module, a contract, a table, a permission, a page…).
 * Checked before anything is written, so a refused name leaves the tree untouched.
 */

/** JavaScript keywords and the globals a generated identifier must not shadow. */
const RESERVED_IDENTIFIERS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with yield let static implements interface package private protected public ' +
    'await async arguments eval undefined nan infinity object array string number boolean bigint symbol ' +
    'date error map set promise function regexp record partial readonly request response headers event ' +
    'node element document window file blob url buffer json math intl proxy reflect global process ' +
    'require module exports console type keyof never unknown any'
  ).split(' '),
);

/**
 * Words the house already uses for something else, as routes, variables or folders: a feature
 * named like them would read as that thing (`/orgs/:orgId/orgs`, a `page` that is not a page).
 */
const RESERVED_WORDS = new Set(
  (
    'org orgs organization organizations member members invitation invitations user users me admin ' +
    'auth api api-key api-keys key keys setting settings session sessions general danger dashboard ' +
    'profile security account accounts index types lib libs module modules app apps deps db tx prisma ' +
    'problem problems cursor cursors list lists page pages item items query queries test tests gen ' +
    'new edit audit audits permission permissions role roles health meta zod contract contracts ' +
    'generated generator generators next locale locales message messages'
  ).split(' '),
);

const read = (root, path) => readFileSync(join(root, path), 'utf8');

/** Names exported by the contracts package (`export const X`, `export type X`, …). */
function contractExports(root) {
  const dir = join(root, 'packages/contracts/src');
  const names = new Set();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/^export\s+(?:const|let|type|interface|function|class|enum)\s+(\w+)/gm)) {
      names.add(m[1]);
    }
  }
  return names;
}

/** The identifiers the generated contract file exports (kept in step with templates/contracts.ts.hbs). */
export function generatedContractNames(n) {
  return [
    n.pascal,
    `${n.pascal}Name`,
    `${n.pascal}Params`,
    `${n.pascal}Sorts`,
    `${n.pascal}ListQuery`,
    `${n.pascal}List`,
    `Create${n.pascal}Body`,
    `Update${n.pascal}Body`,
  ];
}

/**
 * Every reason `n` (from featureNames) cannot be generated in `root`; empty when it can. Also
 * reports an anchor comment missing from a file the generator edits.
 */
export function findClashes(root, n) {
  const problems = [];
  const both = [
    n,
    { ...n, name: n.names, camel: n.camelPlural, pascal: n.pascalPlural, snake: n.snakePlural },
  ];

  for (const form of both) {
    if (RESERVED_IDENTIFIERS.has(form.camel.toLowerCase()) || RESERVED_IDENTIFIERS.has(form.name)) {
      problems.push(`"${form.name}" is a reserved word in JavaScript/TypeScript`);
    }
    if (RESERVED_WORDS.has(form.name)) {
      problems.push(`"${form.name}" is reserved: the app already uses the word for something else`);
    }
  }

  const paths = [
    [`apps/api/src/modules/${n.name}`, 'an API module'],
    [`apps/api/src/modules/${n.names}`, 'an API module'],
    [`packages/contracts/src/${n.name}.ts`, 'a contracts file'],
    [`packages/contracts/src/${n.names}.ts`, 'a contracts file'],
    [`apps/web/src/app/[locale]/(app)/org/settings/${n.names}`, 'a web page'],
    [`apps/web/src/app/[locale]/(app)/org/${n.names}`, 'a web page'],
    [`apps/web/src/lib/api/${n.names}.ts`, 'a web API client'],
    [`docs/${n.names}.md`, 'a docs page'],
  ];
  for (const [path, what] of paths) {
    if (existsSync(join(root, path))) problems.push(`${path} already exists (${what})`);
  }

  const schema = read(root, 'prisma/schema.prisma');
  const models = [...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]);
  for (const model of [n.pascal, n.pascalPlural]) {
    if (models.some((m) => m.toLowerCase() === model.toLowerCase())) {
      problems.push(`prisma/schema.prisma already has a model ${model}`);
    }
  }
  const tables = [...schema.matchAll(/@@map\("([^"]+)"\)/g)].map((m) => m[1]);
  if (tables.includes(n.snakePlural))
    problems.push(`prisma/schema.prisma already maps a table "${n.snakePlural}"`);
  const organization = /^model Organization\s*\{([\s\S]*?)^\}/m.exec(schema)?.[1] ?? '';
  if (new RegExp(`^\\s*${n.camelPlural}\\s`, 'm').test(organization)) {
    problems.push(`model Organization already has a field "${n.camelPlural}"`);
  }

  const permissions = read(root, 'packages/contracts/src/permissions.ts');
  if (permissions.includes(`'${n.names}:`)) {
    problems.push(`packages/contracts/src/permissions.ts already has "${n.names}:*" permissions or scopes`);
  }
  const actions = read(root, 'packages/contracts/src/audit-actions.ts');
  if (actions.includes(`'${n.snake}.`)) {
    problems.push(`packages/contracts/src/audit-actions.ts already has "${n.snake}.*" actions`);
  }

  const taken = contractExports(root);
  const clashing = generatedContractNames(n).filter((name) => taken.has(name));
  if (clashing.length > 0) problems.push(`@repo/contracts already exports ${clashing.join(', ')}`);

  const en = JSON.parse(read(root, 'apps/web/messages/en.json'));
  if (Object.hasOwn(en, n.pascalPlural)) {
    problems.push(`apps/web/messages/en.json already has a "${n.pascalPlural}" namespace`);
  }
  if (Object.hasOwn(en.OrgSettings?.nav ?? {}, n.camelPlural)) {
    problems.push(`apps/web/messages/en.json already has OrgSettings.nav.${n.camelPlural}`);
  }

  for (const anchor of ANCHORS) {
    const text = read(root, anchor.file);
    const count = text.split(anchor.marker).length - 1;
    if (count !== 1) {
      problems.push(
        `${anchor.file} must contain the line "${anchor.marker}" exactly once (found ${count}); ` +
          'the generator inserts there — restore it from git',
      );
    }
  }
  return [...new Set(problems)];
}
