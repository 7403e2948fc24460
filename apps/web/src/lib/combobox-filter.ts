/** Pure: no `@/` imports, so unit tests can load it. */

const fold = (text: string) => text.toLowerCase().replaceAll('_', ' ');

/**
 * The browser-side filter: every typed word must appear in the option's value or keywords
 * (cmdk's default fuzzy match lets "kolk" find "Kaliningrad" and a dozen more). Options where
 * the words start a word rank above those where they only appear inside one.
 */
export function matchScore(value: string, search: string, keywords: string[] = []): number {
  const terms = fold(search).trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return 1;
  const haystack = fold([value, ...keywords].join(' '));
  let score = 1;
  for (const term of terms) {
    const at = haystack.indexOf(term);
    if (at === -1) return 0;
    const wordStart = at === 0 || /[\s/(-]/.test(haystack[at - 1] ?? '') || haystack.includes(` ${term}`);
    if (!wordStart) score = Math.min(score, 0.5);
  }
  return score;
}
