/**
 * Transposition variants of a search, for the admin user search.
 *
 * Trigram similarity (pg_trgm) forgives a wrong or missing letter but not two swapped ones: the
 * swap breaks every trigram it touches, so "Dnaa Prboe" shares almost nothing with "Dana Probe"
 * and never reaches the threshold. Swapped neighbours are the commonest typing slip, so the
 * search also looks for the query with up to one adjacent swap undone per word: "Dnaa Prboe"
 * yields "Dana Probe" (two swaps). Each variant is a candidate arm of its own (served by the same
 * trigram index) and scores its trigram similarity minus `SWAP_COST` per swap, which makes the
 * ranking an edit distance in the Damerau sense: a transposition costs one edit, not two.
 */

/** What one undone swap costs in the 0–1 relevance score. */
export const SWAP_COST = 0.05;
/** Variants per search at most (each adds one index probe and one similarity per candidate). */
export const MAX_VARIANTS = 24;
/** Words of the query that get variants (the rest are kept as typed). */
const MAX_WORDS = 4;

export interface SearchVariant {
  text: string;
  swaps: number;
}

/** The word with each pair of different adjacent letters swapped, one pair at a time. */
function swapsOf(word: string): string[] {
  const chars = [...word];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] as string;
    const b = chars[i + 1] as string;
    if (a === b || !/\p{L}/u.test(a) || !/\p{L}/u.test(b)) continue;
    out.add([...chars.slice(0, i), b, a, ...chars.slice(i + 2)].join(''));
  }
  out.delete(word);
  return [...out];
}

/**
 * The search with one adjacent swap undone in some of its words (at most one per word), fewest
 * swaps first, without the search itself; empty for a search with nothing to swap. Lower-cased,
 * as pg_trgm compares.
 */
export function transpositionVariants(q: string, max = MAX_VARIANTS): SearchVariant[] {
  const words = q.toLowerCase().trim().split(/\s+/).filter(Boolean);
  // Words of three letters or more: in shorter ones a swap is as likely intended as not.
  const options = words.map((w, i) => (i < MAX_WORDS && [...w].length >= 3 ? swapsOf(w) : []));
  const out: SearchVariant[] = [];
  const seen = new Set<string>([words.join(' ')]);
  // Breadth first over the number of words changed, so the cheapest variants come first.
  let frontier: { parts: string[]; next: number; swaps: number }[] = [{ parts: words, next: 0, swaps: 0 }];
  while (frontier.length > 0 && out.length < max) {
    const deeper: typeof frontier = [];
    for (const state of frontier) {
      for (let i = state.next; i < words.length; i++) {
        for (const swapped of options[i] ?? []) {
          const parts = [...state.parts];
          parts[i] = swapped;
          const text = parts.join(' ');
          if (seen.has(text)) continue;
          seen.add(text);
          deeper.push({ parts, next: i + 1, swaps: state.swaps + 1 });
        }
      }
    }
    for (const v of deeper) {
      if (out.length >= max) break;
      out.push({ text: v.parts.join(' '), swaps: v.swaps });
    }
    frontier = deeper;
  }
  return out;
}
