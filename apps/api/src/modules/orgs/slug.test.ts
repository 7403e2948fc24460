import { OrgSlug } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import { slugify, withSuffix } from './slug';

describe('slugify', () => {
  it.each([
    ['Acme', 'acme'],
    ['  Ünïcorn Labs! ', 'unicorn-labs'],
    ['a--b__c', 'a-b-c'],
    ['مؤسسة', ''],
    ['É', 'e'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('stays within 48 characters without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(47)} b`);
    expect(slug).toBe('a'.repeat(47));
  });
});

describe('withSuffix', () => {
  it.each(['', 'e', 'acme', 'x'.repeat(48), `${'y'.repeat(40)}-z`])('makes a valid slug from %j', (base) => {
    const slug = withSuffix(base);
    expect(OrgSlug.safeParse(slug).success, slug).toBe(true);
    expect(slug.length).toBeLessThanOrEqual(48);
  });
});
