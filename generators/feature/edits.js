/**
 * The changes a generated feature makes to files that already exist. Lists are extended at anchor
 * comments (`// gen:<list>`), one per list, that stay in the files for the next feature: new lines
 * go right above the anchor, with its indentation. Sorted import/export lists are extended in
 * place instead (an anchor there would fight Biome's import sorting).
 */

/** Every anchor the generator needs, so a missing one is reported before anything is written. */
export const ANCHORS = [
  { file: 'packages/contracts/src/permissions.ts', marker: '// gen:org-permissions' },
  { file: 'packages/contracts/src/permissions.ts', marker: '// gen:owner-permissions' },
  { file: 'packages/contracts/src/permissions.ts', marker: '// gen:admin-permissions' },
  { file: 'packages/contracts/src/permissions.ts', marker: '// gen:member-permissions' },
  { file: 'packages/contracts/src/permissions.ts', marker: '// gen:api-key-scopes' },
  { file: 'packages/contracts/src/permissions.ts', marker: '// gen:api-key-scope-for' },
  { file: 'packages/contracts/src/audit-actions.ts', marker: '// gen:audit-actions' },
  { file: 'apps/api/src/modules/index.ts', marker: '// gen:modules' },
  { file: 'prisma/schema.prisma', marker: '// gen:organization-relations' },
  { file: 'apps/web/src/app/[locale]/(app)/_components/shell/nav-items.ts', marker: '// gen:org-nav' },
  {
    file: 'apps/web/src/app/[locale]/(app)/org/settings/api-keys/_components/scopes.ts',
    marker: '// gen:api-key-scope-resources',
  },
];

const isAnchorLine = (line, marker) => {
  const trimmed = line.trim();
  return trimmed === marker || trimmed.startsWith(`${marker} `);
};

/** `text` with `lines` inserted above the one line holding `marker`, indented like it. */
export function insertAtAnchor(text, marker, lines) {
  const all = text.split('\n');
  const at = all.findIndex((line) => isAnchorLine(line, marker));
  if (at < 0) throw new Error(`anchor "${marker}" not found`);
  const indent = /^\s*/.exec(all[at])[0];
  all.splice(at, 0, ...lines.map((line) => (line === '' ? '' : indent + line)));
  return all.join('\n');
}

/**
 * `text` with `line` added to the run of lines matching `pattern` (sorted by their first capture
 * group, the module specifier): inserted before the first one that sorts after it, else after the
 * last. Biome's import organizer runs over the file afterwards and has the final word on order.
 */
export function insertSorted(text, line, pattern) {
  const all = text.split('\n');
  const key = pattern.exec(line)?.[1];
  if (key === undefined) throw new Error(`"${line}" does not match ${pattern}`);
  const matching = all.map((l, i) => ({ i, key: pattern.exec(l)?.[1] })).filter((m) => m.key !== undefined);
  if (matching.length === 0) throw new Error(`no line matches ${pattern}`);
  if (matching.some((m) => m.key === key)) throw new Error(`"${line}" is already there`);
  const after = matching.find((m) => m.key.localeCompare(key, 'en') > 0);
  all.splice(after ? after.i : matching.at(-1).i + 1, 0, line);
  return all.join('\n');
}

// ── The edits, one per file ──────────────────────────────────────────────────────────────────

export function editContractsIndex(text, n) {
  return insertSorted(text, `export * from './${n.name}';`, /^export \* from '\.\/([^']+)';$/);
}

/** Members read; admins and owners read and write; API keys per scope (one read, one write). */
export function editPermissions(text, n) {
  const read = `'${n.names}:read',`;
  const write = `'${n.names}:write',`;
  let out = insertAtAnchor(text, '// gen:org-permissions', [`/** ${n.titlePlural}: list and read. */`, read]);
  out = insertAtAnchor(out, '// gen:org-permissions', [
    `/** ${n.titlePlural}: create, change and delete. */`,
    write,
  ]);
  out = insertAtAnchor(out, '// gen:owner-permissions', [read, write]);
  out = insertAtAnchor(out, '// gen:admin-permissions', [read, write]);
  out = insertAtAnchor(out, '// gen:member-permissions', [read]);
  out = insertAtAnchor(out, '// gen:api-key-scopes', [read, write]);
  out = insertAtAnchor(out, '// gen:api-key-scope-for', [
    `'${n.names}:read': '${n.names}:read',`,
    `'${n.names}:write': '${n.names}:write',`,
  ]);
  return out;
}

export function editAuditActions(text, n) {
  return insertAtAnchor(text, '// gen:audit-actions', [
    `// ${n.titlePlural} (docs/${n.names}.md).`,
    `'${n.snake}.created',`,
    `'${n.snake}.updated',`,
    `'${n.snake}.deleted',`,
  ]);
}

export function editModulesIndex(text, n) {
  const withImport = insertSorted(
    text,
    `import { ${n.camelPlural}Routes } from './${n.name}';`,
    /^import \{[^}]*\} from '\.\/([^']+)';$/,
  );
  return insertAtAnchor(withImport, '// gen:modules', [
    `await v1.register(${n.camelPlural}Routes, { deps });`,
  ]);
}

/** The back-relation on Organization (aligned like its neighbours) and the model at the end. */
export function editPrismaSchema(text, n, model) {
  const block = /^model Organization\s*\{[\s\S]*?^\}/m.exec(text);
  if (!block) throw new Error('model Organization not found');
  const fields = block[0]
    .split('\n')
    .slice(1, -1)
    .map((line) => /^ {2}(\w+)(\s+)(\S+)/.exec(line))
    .filter(Boolean);
  const nameWidth = Math.max(n.camelPlural.length + 1, ...fields.map((f) => f[1].length + f[2].length));
  const withRelation = insertAtAnchor(text, '// gen:organization-relations', [
    `${n.camelPlural.padEnd(nameWidth)}${n.pascal}[]`,
  ]);
  return `${withRelation.replace(/\n*$/, '\n')}\n${model.replace(/\n*$/, '\n')}`;
}

/** The app shell's entry for the resource's page, shown to roles that may read it (ORG_NAV). */
export function editOrgNav(text, n) {
  return insertAtAnchor(text, '// gen:org-nav', [
    `{ key: '${n.camelPlural}', href: '/org/settings/${n.names}', needs: ['${n.names}:read'] },`,
  ]);
}

export function editScopeResources(text, n) {
  return insertAtAnchor(text, '// gen:api-key-scope-resources', [`'${n.names}',`]);
}

/**
 * The messages of one locale: the feature's namespace (after OrgSettings, where the settings
 * pages' strings are), its settings nav label (before the danger zone, as in the nav) and its
 * API-key scope labels. Parsed and written back as JSON, two-space indented like the files are.
 */
export function editMessages(text, n, strings) {
  const messages = JSON.parse(text);
  const out = {};
  for (const [key, value] of Object.entries(messages)) {
    out[key] = value;
    if (key === 'OrgSettings') out[n.pascalPlural] = strings.namespace;
  }
  if (!Object.hasOwn(out, n.pascalPlural)) out[n.pascalPlural] = strings.namespace;

  const settings = out.OrgSettings;
  if (!settings?.nav) throw new Error('OrgSettings.nav not found');
  const nav = {};
  for (const [key, value] of Object.entries(settings.nav)) {
    if (key === 'danger') nav[n.camelPlural] = strings.nav;
    nav[key] = value;
  }
  nav[n.camelPlural] ??= strings.nav;
  settings.nav = nav;

  const resources = out.ApiKeys?.resources;
  if (!resources) throw new Error('ApiKeys.resources not found');
  resources[n.names] = strings.scope;
  resources[`${n.names}Hint`] = strings.scopeHint;
  return `${JSON.stringify(out, null, 2)}\n`;
}
