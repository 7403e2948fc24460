import { describe, expect, it } from 'vitest';
import { matchScore } from './combobox-filter';

describe('matchScore', () => {
  it('keeps an option only when every typed word appears in its value or keywords', () => {
    expect(matchScore('Asia/Kolkata', 'kolk', ['Kolkata', 'Asia'])).toBeGreaterThan(0);
    expect(matchScore('Europe/Kaliningrad', 'kolk', ['Kaliningrad', 'Europe'])).toBe(0);
    expect(matchScore('Asia/Kolkata', 'asia kol', [])).toBeGreaterThan(0);
    expect(matchScore('Asia/Kolkata', 'asia paris', [])).toBe(0);
  });

  it('matches keywords (a former name, an offset) and ignores case and underscores', () => {
    expect(matchScore('Europe/Kyiv', 'KIEV', ['Europe/Kiev'])).toBeGreaterThan(0);
    expect(matchScore('Asia/Kolkata', '+5:30', ['+5:30', 'UTC+05:30'])).toBeGreaterThan(0);
    expect(matchScore('America/New_York', 'new york', [])).toBeGreaterThan(0);
  });

  it('ranks a match at the start of a word above one inside a word', () => {
    expect(matchScore('Europe/Paris', 'par', [])).toBeGreaterThan(
      matchScore('America/Guadeloupe', 'deloupe', []),
    );
    expect(matchScore('anything', '   ', [])).toBe(1);
  });
});
