import { Locale } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import ar from '../../messages/ar.json';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { diffKeys, lookup, messageArguments, messageKeys } from './message-keys';
import { routing } from './routing';

const catalogs = { en, fr, ar } as const;

describe('message catalogs', () => {
  it('cover exactly the locales of the product', () => {
    expect([...routing.locales].sort()).toEqual([...Locale.options].sort());
    expect(Object.keys(catalogs).sort()).toEqual([...Locale.options].sort());
  });

  for (const locale of ['fr', 'ar'] as const) {
    it(`${locale} has the same keys as en`, () => {
      expect(diffKeys(en, catalogs[locale])).toEqual({ missing: [], extra: [] });
    });

    it(`${locale} uses the same ICU arguments as en and no empty message`, () => {
      for (const key of messageKeys(en)) {
        const translated = lookup(catalogs[locale], key) ?? '';
        expect(translated.trim(), `${locale}:${key}`).not.toBe('');
        expect(messageArguments(translated), `${locale}:${key}`).toEqual(
          messageArguments(lookup(en, key) ?? ''),
        );
      }
    });
  }
});

describe('diffKeys', () => {
  it('reports a key missing from a nested group', () => {
    const reference = { Home: { title: 'Hi', features: { jobs: 'Jobs' } } };
    const other = { Home: { title: 'Salut', features: {} } };
    expect(diffKeys(reference, other)).toEqual({ missing: ['Home.features.jobs'], extra: [] });
  });

  it('extracts ICU argument names', () => {
    expect(messageArguments('{ms, number} ms at {time}')).toEqual(['ms', 'time']);
  });
});
