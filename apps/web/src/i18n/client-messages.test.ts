import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import { APP_OMITTED_NAMESPACES, CLIENT_NAMESPACES, omitMessages, pickMessages } from './client-messages';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const APP = join(SRC, 'app', '[locale]');

const stripComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

function filesUnder(path: string, skip: string[] = []): string[] {
  if (skip.includes(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.name.includes('.test.') ? [] : filesUnder(join(path, entry.name), skip),
  );
}

/** `@/x` and relative specifiers to a file in src; packages resolve to nothing. */
function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/')
    ? join(SRC, spec.slice(2))
    : spec.startsWith('.')
      ? resolve(dirname(from), spec)
      : null;
  if (!base) return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function importsOf(code: string): string[] {
  return [
    ...code.matchAll(/\b(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string);
}

/**
 * Top-level namespaces read by the client modules reachable from `entries`: files marked
 * 'use client' and everything they import (the client side of the boundary).
 */
function clientNamespaces(
  entries: string[],
  skip: string[] = [],
): { namespaces: Set<string>; unscoped: string[] } {
  const namespaces = new Set<string>();
  const unscoped: string[] = [];
  const seen = new Map<string, boolean>(); // file → visited as client code
  const visit = (file: string, client: boolean) => {
    if (seen.get(file) === true || (seen.has(file) && !client)) return;
    seen.set(file, client);
    const code = stripComments(readFileSync(file, 'utf8'));
    const isClient = client || /^\s*['"]use client['"]/.test(code);
    if (isClient) {
      for (const m of code.matchAll(/useTranslations\(\s*(?:['"]([^'"]*)['"])?\s*\)/g)) {
        if (m[1]) namespaces.add(m[1].split('.')[0] as string);
        else unscoped.push(relative(SRC, file));
      }
    }
    for (const spec of importsOf(code)) {
      const target = resolveImport(file, spec);
      if (target && /\.(ts|tsx)$/.test(target)) visit(target, isClient);
    }
  };
  for (const entry of entries)
    for (const file of filesUnder(entry, skip)) if (/\.(ts|tsx)$/.test(file)) visit(file, false);
  return { namespaces, unscoped };
}

const AREAS: Record<keyof typeof CLIENT_NAMESPACES, string[]> = {
  public: [
    join(APP, 'layout.tsx'),
    join(APP, 'not-found.tsx'),
    join(APP, '[...rest]'),
    join(APP, '(marketing)'),
  ],
  auth: [join(APP, '(auth)')],
};

describe('client messages per area', () => {
  for (const [area, entries] of Object.entries(AREAS) as [keyof typeof CLIENT_NAMESPACES, string[]][]) {
    it(`${area}: every namespace a client component reads is passed to the browser`, () => {
      const { namespaces, unscoped } = clientNamespaces(entries);
      expect(unscoped, 'useTranslations() without a namespace').toEqual([]);
      expect(
        [...namespaces].filter((ns) => !(CLIENT_NAMESPACES[area] as readonly string[]).includes(ns)),
      ).toEqual([]);
      // The walk does find the client components (a broken walk would pass vacuously).
      expect(namespaces.has('Language')).toBe(true);
    });

    it(`${area}: lists only namespaces that exist`, () => {
      expect(Object.keys(pickMessages(en, CLIENT_NAMESPACES[area]))).toEqual([...CLIENT_NAMESPACES[area]]);
    });
  }

  it('app: the signed-in area outside the admin console reads none of the namespaces it leaves out', () => {
    const { namespaces, unscoped } = clientNamespaces([join(APP, '(app)')], [join(APP, '(app)', 'admin')]);
    expect(unscoped, 'useTranslations() without a namespace').toEqual([]);
    expect(namespaces.has('Reauth')).toBe(true);
    expect(
      [...namespaces].filter((ns) => (APP_OMITTED_NAMESPACES as readonly string[]).includes(ns)),
    ).toEqual([]);
    expect(Object.keys(omitMessages(en, APP_OMITTED_NAMESPACES))).toHaveLength(
      Object.keys(en).length - APP_OMITTED_NAMESPACES.length,
    );
  });
});
