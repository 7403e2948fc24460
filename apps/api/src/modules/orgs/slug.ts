import { randomBytes } from 'node:crypto';

/** Slug bounds, as OrgSlug in @repo/contracts validates them. */
export const SLUG_MIN = 3;
export const SLUG_MAX = 48;
const SUFFIX_LENGTH = 6;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The slug a name suggests: accents dropped, lowercase ASCII, every other run of characters one
 * hyphen, no hyphen at either end, at most SLUG_MAX. May be shorter than SLUG_MIN (or empty for
 * a name in another script): `withSuffix` then makes it valid.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

/** A short random part, e.g. `k3x9qa`. */
export function randomSlugPart(length = SUFFIX_LENGTH): string {
  return Array.from(randomBytes(length), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** `base-xxxxxx`, the base shortened so the whole fits SLUG_MAX; `org-xxxxxx` for an empty base. */
export function withSuffix(base: string): string {
  const room = SLUG_MAX - SUFFIX_LENGTH - 1;
  const head = base.slice(0, room).replace(/-+$/, '') || 'org';
  return `${head}-${randomSlugPart()}`;
}
