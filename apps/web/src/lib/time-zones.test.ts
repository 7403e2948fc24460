import { describe, expect, it } from 'vitest';
import { canonicalZone, formatOffset, timeZoneOptions, zoneOffsetMinutes } from './time-zones';

const JANUARY = new Date('2026-01-15T12:00:00Z');
const JULY = new Date('2026-07-15T12:00:00Z');

describe('zoneOffsetMinutes', () => {
  it('reads half-hour, quarter-hour and negative offsets', () => {
    expect(zoneOffsetMinutes('Asia/Kolkata', JANUARY)).toBe(330);
    expect(zoneOffsetMinutes('Asia/Kathmandu', JANUARY)).toBe(345);
    expect(zoneOffsetMinutes('America/St_Johns', JANUARY)).toBe(-210);
    expect(zoneOffsetMinutes('UTC', JANUARY)).toBe(0);
  });

  it('follows daylight saving time at the given moment', () => {
    expect(zoneOffsetMinutes('Europe/Paris', JANUARY)).toBe(60);
    expect(zoneOffsetMinutes('Europe/Paris', JULY)).toBe(120);
    expect(zoneOffsetMinutes('America/New_York', JULY)).toBe(-240);
    expect(zoneOffsetMinutes('Australia/Sydney', JANUARY)).toBe(660);
  });
});

describe('formatOffset', () => {
  it('pads hours and minutes and uses ASCII signs', () => {
    expect(formatOffset(330)).toBe('UTC+05:30');
    expect(formatOffset(-210)).toBe('UTC-03:30');
    expect(formatOffset(-600)).toBe('UTC-10:00');
    expect(formatOffset(0)).toBe('UTC');
  });
});

describe('timeZoneOptions', () => {
  // What an ICU that still uses the old CLDR ids lists (Node 20, older Chromium).
  const legacyList = ['Asia/Calcutta', 'Europe/Kiev', 'Europe/Paris', 'Asia/Saigon', 'America/New_York'];

  it('offers the current IANA names, never the renamed ones', () => {
    const values = timeZoneOptions(legacyList, JANUARY).map((o) => o.value);
    expect(values).toContain('Asia/Kolkata');
    expect(values).toContain('Europe/Kyiv');
    expect(values).toContain('Asia/Ho_Chi_Minh');
    expect(values).not.toContain('Asia/Calcutta');
    expect(values).not.toContain('Europe/Kiev');
    expect(values).not.toContain('Asia/Saigon');
  });

  it('is the same list whether a runtime lists the old name, the new one or both', () => {
    const fromNew = timeZoneOptions(['Asia/Kolkata', 'Europe/Kyiv'], JANUARY).map((o) => o.value);
    const fromBoth = timeZoneOptions(
      ['Asia/Calcutta', 'Asia/Kolkata', 'Europe/Kiev', 'Europe/Kyiv'],
      JANUARY,
    ).map((o) => o.value);
    expect(fromBoth).toEqual(fromNew);
    expect(fromBoth.filter((v) => v === 'Asia/Kolkata')).toHaveLength(1);
  });

  it('keeps the old name as a keyword, so typing it still finds the zone', () => {
    const kolkata = timeZoneOptions(legacyList, JANUARY).find((o) => o.value === 'Asia/Kolkata');
    expect(kolkata?.keywords).toContain('Asia/Calcutta');
  });

  it('always offers UTC, once, even from a list that names it Etc/UTC or not at all', () => {
    expect(timeZoneOptions(['Europe/Paris'], JANUARY).filter((o) => o.value === 'UTC')).toHaveLength(1);
    expect(
      timeZoneOptions(['Etc/UTC', 'UTC', 'Europe/Paris'], JANUARY).filter((o) => o.offset === 'UTC'),
    ).toHaveLength(1);
  });

  it('shows the offset of the given moment, with city, region and offset words to search by', () => {
    const [paris] = timeZoneOptions(['Europe/Paris'], JULY).filter((o) => o.value === 'Europe/Paris');
    expect(paris).toMatchObject({ city: 'Paris', region: 'Europe', offset: 'UTC+02:00', offsetMinutes: 120 });
    expect(paris?.keywords).toEqual(expect.arrayContaining(['UTC+2', 'GMT+2', '+2', '+0200']));
    const [hcm] = timeZoneOptions(['Asia/Saigon'], JANUARY).filter((o) => o.value !== 'UTC');
    expect(hcm).toMatchObject({ city: 'Ho Chi Minh', region: 'Asia', offset: 'UTC+07:00' });
    const [ba] = timeZoneOptions(['America/Buenos_Aires'], JANUARY).filter((o) => o.value !== 'UTC');
    expect(ba).toMatchObject({
      value: 'America/Argentina/Buenos_Aires',
      city: 'Buenos Aires',
      region: 'America/Argentina',
    });
    const kolkata = timeZoneOptions(['Asia/Kolkata'], JANUARY).find((o) => o.value === 'Asia/Kolkata');
    expect(kolkata?.keywords).toEqual(expect.arrayContaining(['UTC+5:30', '+5:30', '+0530']));
  });

  it('sorts west to east, then by name', () => {
    const options = timeZoneOptions(
      ['Asia/Tokyo', 'America/New_York', 'Europe/Paris', 'Europe/Berlin'],
      JANUARY,
    );
    expect(options.map((o) => o.value)).toEqual([
      'America/New_York',
      'UTC',
      'Europe/Berlin',
      'Europe/Paris',
      'Asia/Tokyo',
    ]);
  });

  it('keeps a saved zone the runtime does not list, under its current name', () => {
    const values = timeZoneOptions(['Europe/Paris'], JANUARY, 'Asia/Calcutta').map((o) => o.value);
    expect(values).toContain('Asia/Kolkata');
    expect(values).not.toContain('Asia/Calcutta');
  });

  it('drops a name the runtime cannot use instead of failing', () => {
    expect(timeZoneOptions(['Mars/Olympus_Mons', 'Europe/Paris'], JANUARY).map((o) => o.value)).toEqual([
      'UTC',
      'Europe/Paris',
    ]);
  });

  it('maps every renamed zone the runtime knows of, and the runtime list yields no old name', () => {
    const all = Intl.supportedValuesOf('timeZone');
    const values = new Set(timeZoneOptions(all, JANUARY).map((o) => o.value));
    for (const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Rangoon', 'Asia/Katmandu', 'America/Godthab']) {
      expect(values.has(old), old).toBe(false);
      expect(values.has(canonicalZone(old)), canonicalZone(old)).toBe(true);
    }
  });
});
