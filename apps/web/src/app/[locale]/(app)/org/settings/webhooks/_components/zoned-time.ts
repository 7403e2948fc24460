/**
 * `<input type="datetime-local">` values are wall-clock times without a zone; the app shows times
 * in the user's own time zone (their profile setting), so the value is read in that zone too.
 */

/** How far `timeZone` is ahead of UTC at `utcMs`, in milliseconds. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** `2026-12-07T10:30` in `timeZone` → ISO instant; null for an empty or malformed value. */
export function zonedToIso(local: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const wall = Date.parse(`${local}Z`);
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset on either side of a daylight-saving change.
  let utc = wall - offsetAt(wall, timeZone);
  utc = wall - offsetAt(utc, timeZone);
  return new Date(utc).toISOString();
}

/** An instant as a `datetime-local` value in `timeZone` (minutes precision). */
export function isoToZoned(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 16);
}
