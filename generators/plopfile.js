import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findClashes } from './feature/clashes.js';
import {
  editAuditActions,
  editContractsIndex,
  editMessages,
  editModulesIndex,
  editOrgNav,
  editPermissions,
  editPrismaSchema,
  editScopeResources,
} from './feature/edits.js';
import { featureMessages, LOCALES, nounsOf } from './feature/messages.js';
import { featureNames, NameError } from './feature/names.js';

/**
 * `pnpm gen feature <name>`: a tenant-scoped resource end to end (docs/architecture.md, "Adding a
 * feature"; ADR 0025). Non-interactive when the name is given; asks for it otherwise.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), 'feature', 'templates');
const WEB_SETTINGS = 'apps/web/src/app/[locale]/(app)/org/settings';

/** New files: template → path, both relative (templates/ and the repository root). */
function newFiles(n) {
  return [
    ['contracts/feature.ts.hbs', `packages/contracts/src/${n.name}.ts`],
    ['api/index.ts.hbs', `apps/api/src/modules/${n.name}/index.ts`],
    ['api/routes.ts.hbs', `apps/api/src/modules/${n.name}/${n.name}.routes.ts`],
    ['api/service.ts.hbs', `apps/api/src/modules/${n.name}/${n.name}.service.ts`],
    ['api/int.test.ts.hbs', `apps/api/src/modules/${n.name}/${n.name}.int.test.ts`],
    ['web/api-client.ts.hbs', `apps/web/src/lib/api/${n.names}.ts`],
    ['web/page.tsx.hbs', `${WEB_SETTINGS}/${n.names}/page.tsx`],
    ['web/panel.tsx.hbs', `${WEB_SETTINGS}/${n.names}/${n.names}-panel.tsx`],
    ['web/form.tsx.hbs', `${WEB_SETTINGS}/${n.names}/${n.name}-form.tsx`],
    ['docs/feature.md.hbs', `docs/${n.names}.md`],
  ];
}

/** Existing files and how each changes; all computed before any is written. */
function edits(n, plop) {
  const model = plop.renderString(readFileSync(join(TEMPLATES, 'prisma/model.prisma.hbs'), 'utf8'), n);
  return [
    ['packages/contracts/src/index.ts', (text) => editContractsIndex(text, n)],
    ['packages/contracts/src/permissions.ts', (text) => editPermissions(text, n)],
    ['packages/contracts/src/audit-actions.ts', (text) => editAuditActions(text, n)],
    ['prisma/schema.prisma', (text) => editPrismaSchema(text, n, model)],
    ['apps/api/src/modules/index.ts', (text) => editModulesIndex(text, n)],
    ['apps/web/src/app/[locale]/(app)/_components/shell/nav-items.ts', (text) => editOrgNav(text, n)],
    [`${WEB_SETTINGS}/api-keys/_components/scopes.ts`, (text) => editScopeResources(text, n)],
    ...LOCALES.map((locale) => [
      `apps/web/messages/${locale}.json`,
      (text) => editMessages(text, n, featureMessages(n, locale)),
    ]),
  ];
}

/** The name's spellings, or why it cannot be generated here (every reason at once). */
function check(input) {
  let n;
  try {
    n = featureNames(input);
  } catch (error) {
    if (error instanceof NameError) return { error: error.message };
    throw error;
  }
  const clashes = findClashes(ROOT, n);
  if (clashes.length > 0) {
    return { error: `cannot generate "${n.name}":\n  - ${clashes.join('\n  - ')}` };
  }
  return { n };
}

function biome(files) {
  const bin = join(ROOT, 'node_modules', '.bin', 'biome');
  const result = spawnSync(bin, ['check', '--write', '--no-errors-on-unmatched', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`biome check --write failed on the generated code:\n${result.stdout}${result.stderr}`);
  }
}

function nextSteps(n, written, changed) {
  const nouns = nounsOf(n);
  const lines = [
    '',
    `Generated "${n.name}" (${n.names}):`,
    ...written.map((file) => `  + ${file}`),
    ...changed.map((file) => `  ~ ${file}`),
    '',
    'Next steps:',
    ...[
      [`pnpm db:migration:new add_${n.snake}`, `the SQL for the new ${n.snakePlural} table; review it`],
      ['pnpm db:migrate', 'apply it to DATABASE_URL (pnpm dev migrates when it starts)'],
      ['pnpm db:generate && pnpm typecheck', `the Prisma client gets ${n.camel}`],
      [`pnpm test:integration apps/api/src/modules/${n.name}`, 'its tests, and the authorization matrix'],
    ].map(([command, why], i, steps) => {
      const width = Math.max(...steps.map(([c]) => c.length));
      return `  ${i + 1}. ${command.padEnd(width)}  # ${why}`;
    }),
    '',
    'Then make it yours: the fields (schema.prisma, the contract, the service select and the forms),',
    `the list's sorts and filters, and docs/${n.names}.md (see docs/architecture.md, "Adding a feature").`,
  ];
  if (!nouns.known) {
    lines.push(
      `The French and Arabic strings use the English word "${n.lower}"/"${n.lowerPlural}": translate it in`,
      `apps/web/messages/fr.json and ar.json (${n.pascalPlural}, OrgSettings.nav.${n.camelPlural}, ApiKeys.resources).`,
    );
  }
  return lines.join('\n');
}

export default function plopfile(plop) {
  plop.setGenerator('feature', {
    description: 'a tenant-scoped resource: contract, permissions, table, API module + tests, web page, docs',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Singular name of the resource (e.g. project, line-item, person:people)',
        validate: (value) => check(value).error ?? true,
      },
    ],
    actions: (answers) => {
      const { n } = check(answers.name);
      if (!n) return [];
      const planned = edits(n, plop);
      const files = newFiles(n);
      /** Computed up front: a failing edit stops the run before any file is written. */
      let updated = [];
      return [
        function computeEdits() {
          updated = planned.map(([path, edit]) => [path, edit(readFileSync(join(ROOT, path), 'utf8'))]);
          return `${updated.length} existing files to update`;
        },
        ...files.map(([template, path]) => ({
          type: 'add',
          path: join(ROOT, path),
          templateFile: join(TEMPLATES, template),
          data: n,
          abortOnFail: true,
        })),
        function writeEdits() {
          for (const [path, text] of updated) writeFileSync(join(ROOT, path), text);
          return updated.map(([path]) => path).join(', ');
        },
        function format() {
          const code = [...files.map(([, path]) => path), ...updated.map(([path]) => path)].filter(
            // What Biome formats (biome.json leaves messages/*.json and schema.prisma alone).
            (path) => /\.(ts|tsx|md)$/.test(path) && existsSync(join(ROOT, path)),
          );
          biome(code);
          console.info(
            nextSteps(
              n,
              files.map(([, path]) => path),
              updated.map(([path]) => relative(ROOT, join(ROOT, path))),
            ),
          );
          return 'formatted with Biome';
        },
      ];
    },
  });
}
