import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findClashes } from './clashes.js';
import { editMessages, editOrgNav, insertAtAnchor, insertSorted } from './edits.js';
import { featureMessages, LOCALES } from './messages.js';
import { featureNames, pluralize } from './names.js';

/**
 * The generator's pure parts (scripts/generator.int.test.ts runs the whole of it in a copy of the
 * repository): names, the clash checks against this checkout, the anchor edits, the messages.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('featureNames', () => {
  it('derives every spelling from one singular noun, however it is written', () => {
    for (const input of ['line-item', 'lineItem', 'line_item', 'Line Item', 'LineItem']) {
      expect(featureNames(input), input).toMatchObject({
        name: 'line-item',
        names: 'line-items',
        camel: 'lineItem',
        camelPlural: 'lineItems',
        pascal: 'LineItem',
        pascalPlural: 'LineItems',
        snake: 'line_item',
        snakePlural: 'line_items',
        title: 'Line item',
        lowerPlural: 'line items',
        idParam: 'lineItemId',
      });
    }
    expect(featureNames('widget')).toMatchObject({ names: 'widgets', pascalPlural: 'Widgets' });
    expect(featureNames('oauth2-client').camel).toBe('oauth2Client');
  });

  it('pluralizes the last word by the English rules, with the usual exceptions', () => {
    expect(
      ['box', 'batch', 'wish', 'status', 'category', 'day', 'person', 'leaf', 'analysis'].map(pluralize),
    ).toEqual([
      'boxes',
      'batches',
      'wishes',
      'statuses',
      'categories',
      'days',
      'people',
      'leaves',
      'analyses',
    ]);
    expect(featureNames('support-person').names).toBe('support-people');
    expect(featureNames('person:persons').names).toBe('persons');
  });

  it('refuses what cannot become identifiers, plurals and nouns without a plural', () => {
    for (const [input, message] of [
      ['', /Give the feature a name/],
      ['9lives', /not a valid name/],
      ['widget!', /not a valid name/],
      ['über', /not a valid name/],
      ['a', /2 to 30 characters/],
      ['x'.repeat(31), /2 to 30 characters/],
      ['widgets', /looks plural.*widget/],
      ['news', /no distinct plural/],
      ['data', /no distinct plural/],
      ['a:b:c', /<singular>:<plural>/],
      ['person:', /<singular>:<plural>/],
    ] as const) {
      expect(() => featureNames(input), input).toThrow(message);
    }
  });
});

describe('findClashes (against this checkout)', () => {
  const clashes = (input: string) => findClashes(ROOT, featureNames(input));

  it('accepts a fresh name, and finds every anchor it will edit', () => {
    expect(clashes('widget')).toEqual([]);
  });

  it('refuses reserved words and the names of what exists', () => {
    expect(clashes('class').join('\n')).toMatch(/reserved word/);
    expect(clashes('promise').join('\n')).toMatch(/reserved word/);
    expect(clashes('org').join('\n')).toMatch(/reserved/);
    expect(clashes('session').join('\n')).toMatch(/apps\/api\/src\/modules\/sessions already exists/);
    expect(clashes('flag').join('\n')).toMatch(/modules\/flags already exists/);
    expect(clashes('waitlist').join('\n')).toMatch(/modules\/waitlist already exists/);
    expect(clashes('feature-flag').join('\n')).toMatch(/model FeatureFlag/);
    expect(clashes('api-key-usage').join('\n')).toMatch(/model ApiKeyUsage/);
  });
});

describe('edits', () => {
  it('inserts above an anchor with its indentation, and refuses a missing anchor', () => {
    const text = "const a = [\n  'x',\n  // gen:list (explained)\n];\n";
    expect(insertAtAnchor(text, '// gen:list', ["'y',", "'z',"])).toBe(
      "const a = [\n  'x',\n  'y',\n  'z',\n  // gen:list (explained)\n];\n",
    );
    expect(() => insertAtAnchor(text, '// gen:other', ['x'])).toThrow(/anchor "\/\/ gen:other" not found/);
    // A longer marker that starts like another is not mistaken for it.
    expect(() => insertAtAnchor('  // gen:lists\n', '// gen:list', ['x'])).toThrow(/not found/);
  });

  it('keeps sorted import lists sorted, and refuses a line that is there', () => {
    const pattern = /^export \* from '\.\/([^']+)';$/;
    const text = "export * from './alpha';\nexport * from './gamma';\n";
    expect(insertSorted(text, "export * from './beta';", pattern)).toBe(
      "export * from './alpha';\nexport * from './beta';\nexport * from './gamma';\n",
    );
    expect(insertSorted(text, "export * from './zeta';", pattern)).toBe(
      "export * from './alpha';\nexport * from './gamma';\nexport * from './zeta';\n",
    );
    expect(() => insertSorted(text, "export * from './alpha';", pattern)).toThrow(/already there/);
  });

  it("adds the resource's page to the app shell's organization nav, before the danger zone", () => {
    const file = join(ROOT, 'apps/web/src/app/[locale]/(app)/_components/shell/nav-items.ts');
    const out = editOrgNav(readFileSync(file, 'utf8'), featureNames('project'));
    const lines = out.split('\n');
    const entry = lines.findIndex((l) => l.includes("key: 'projects'"));
    expect(lines[entry]).toBe(
      "  { key: 'projects', href: '/org/settings/projects', needs: ['projects:read'] },",
    );
    // Inside ORG_NAV, right above the anchor and the danger zone, which stays last.
    expect(lines[entry + 1]?.trim()).toMatch(/^\/\/ gen:org-nav /);
    expect(lines[entry + 2]).toContain("key: 'danger'");
    expect(out.indexOf('export const ORG_NAV')).toBeLessThan(out.indexOf("key: 'projects'"));
    expect(out.indexOf("key: 'projects'")).toBeLessThan(out.indexOf('export const SETTINGS_NAV'));
  });

  it('adds the namespace, the nav label before the danger zone and the scope labels to each locale', () => {
    const n = featureNames('project');
    const messages = {
      Orgs: {},
      OrgSettings: { nav: { general: 'General', danger: 'Danger zone' } },
      ApiKeys: { resources: { members: 'Members' } },
      Admin: {},
    };
    const out = JSON.parse(editMessages(JSON.stringify(messages), n, featureMessages(n, 'fr')));
    expect(Object.keys(out)).toEqual(['Orgs', 'OrgSettings', 'Projects', 'ApiKeys', 'Admin']);
    expect(Object.keys(out.OrgSettings.nav)).toEqual(['general', 'projects', 'danger']);
    expect(out.OrgSettings.nav.projects).toBe('Projets');
    expect(out.ApiKeys.resources).toMatchObject({
      projects: 'Projets',
      projectsHint: 'Les projets de l’organisation',
    });
    expect(out.Projects.create).toBe('Ajouter un projet');
  });

  it('writes the same keys and ICU arguments in every locale, each translated', () => {
    for (const input of ['widget', 'task', 'line-item', 'gizmo']) {
      const n = featureNames(input);
      const [en, ...others] = LOCALES.map((locale) => featureMessages(n, locale).namespace);
      const args = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
      for (const other of others) {
        expect(Object.keys(other), input).toEqual(Object.keys(en ?? {}));
        for (const [key, text] of Object.entries(en ?? {})) {
          expect(args(other[key as keyof typeof other]), `${input}.${key}`).toEqual(args(text));
        }
        // Translated, not copied: sentences differ from English even for an unknown noun.
        expect(other.lead).not.toBe(en?.lead);
      }
    }
    expect(featureMessages(featureNames('task'), 'fr').namespace.createTitle).toBe('Nouvelle tâche');
    expect(featureMessages(featureNames('event'), 'fr').namespace.confirmDeleteBody).toMatch(
      /^L’événement sera/,
    );
    expect(featureMessages(featureNames('project'), 'ar').namespace.title).toBe('المشاريع');
  });
});
