import { describe, expect, it } from 'vitest';
import { withLocale } from './locale-path';

describe('withLocale', () => {
  it('swaps the locale prefix and keeps the rest of the path, query and hash', () => {
    expect(withLocale('/en/dashboard', 'fr')).toBe('/fr/dashboard');
    expect(withLocale('/ar/org/settings/members?x=1#top', 'en')).toBe('/en/org/settings/members?x=1#top');
    expect(withLocale('/fr', 'ar')).toBe('/ar');
    expect(withLocale('/fr?next=1', 'en')).toBe('/en?next=1');
  });

  it('leaves a path without a locale prefix alone, never mistaking a segment for a locale', () => {
    expect(withLocale('/api/v1/reference', 'fr')).toBe('/api/v1/reference');
    expect(withLocale('/', 'fr')).toBe('/');
    expect(withLocale('/english/page', 'fr')).toBe('/english/page');
    expect(withLocale('/en-gb/page', 'fr')).toBe('/en-gb/page');
  });

  it('leaves anything that is not a local path alone', () => {
    expect(withLocale('https://evil.example/en', 'fr')).toBe('https://evil.example/en');
    expect(withLocale('//evil.example/en', 'fr')).toBe('//evil.example/en');
  });
});
