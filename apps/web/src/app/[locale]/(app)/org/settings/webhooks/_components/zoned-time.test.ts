import { describe, expect, it } from 'vitest';
import { isoToZoned, zonedToIso } from './zoned-time';

describe('zoned time', () => {
  it('reads a wall-clock time in the given zone', () => {
    expect(zonedToIso('2026-12-07T10:30', 'UTC')).toBe('2026-12-07T10:30:00.000Z');
    expect(zonedToIso('2026-12-07T10:30', 'Europe/Paris')).toBe('2026-12-07T09:30:00.000Z');
    expect(zonedToIso('2026-07-07T10:30', 'Europe/Paris')).toBe('2026-07-07T08:30:00.000Z');
    expect(zonedToIso('2026-12-07T10:30', 'Asia/Kolkata')).toBe('2026-12-07T05:00:00.000Z');
  });

  it('refuses what is not a datetime-local value', () => {
    expect(zonedToIso('', 'UTC')).toBeNull();
    expect(zonedToIso('yesterday', 'UTC')).toBeNull();
  });

  it('writes an instant back as that zone’s wall clock', () => {
    expect(isoToZoned('2026-12-07T09:30:00.000Z', 'Europe/Paris')).toBe('2026-12-07T10:30');
    expect(isoToZoned('2026-12-07T05:00:00.000Z', 'Asia/Kolkata')).toBe('2026-12-07T10:30');
  });
});
