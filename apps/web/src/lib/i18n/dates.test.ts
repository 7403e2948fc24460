import { createFormatter } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { datesFor } from './dates';

const at = '2026-12-07T23:30:00Z';

describe('datesFor', () => {
  it("prints the moment in the reader's time zone and language", () => {
    const en = datesFor(createFormatter({ locale: 'en' }), 'Asia/Kolkata');
    expect(en.dateTime(at)).toBe('Dec 8, 2026, 5:00 AM');
    expect(en.date(at)).toBe('Dec 8, 2026');
    const fr = datesFor(createFormatter({ locale: 'fr' }), 'America/New_York');
    expect(fr.dateTime(at)).toBe('7 déc. 2026, 18:30');
  });

  it('gives the fallback for a missing or unreadable value', () => {
    const dates = datesFor(createFormatter({ locale: 'en' }), 'UTC');
    expect(dates.dateTime(null)).toBe('—');
    expect(dates.dateTime(undefined, 'never')).toBe('never');
    expect(dates.date('not a date')).toBe('—');
  });
});
