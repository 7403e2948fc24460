/**
 * The time-zone list the profile picker offers: IANA names as the IANA database spells them
 * today, each with its current UTC offset and the words a person might type to find it.
 *
 * `Intl.supportedValuesOf('timeZone')` answers with ICU's (CLDR's) canonical ids, which keep
 * names the IANA database renamed years ago (`Asia/Calcutta`, `Europe/Kiev`, `Asia/Saigon`), and
 * which names you get depends on the ICU a runtime ships. Every runtime still accepts the current
 * names, so the list is mapped onto them here and stays the same whatever ICU produced it.
 * Pure: no `@/` imports, so unit tests can load it.
 */

/** Old spellings ICU may still list → the name the IANA database uses now. */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Europe/Uzhgorod': 'Europe/Kyiv',
  'Europe/Zaporozhye': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  // Not a place: the one zone everybody can pick; ICU lists it under several names.
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
  'Etc/Universal': 'UTC',
  GMT: 'UTC',
};

export function canonicalZone(zone: string): string {
  return RENAMED_ZONES[zone] ?? zone;
}

/** Minutes east of UTC in `zone` at `at` (India: 330, New York in winter: -300). */
export function zoneOffsetMinutes(zone: string, at: Date): number {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  // "GMT" for UTC itself, otherwise "GMT+05:30" / "GMT-03:00".
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** "UTC+05:30", "UTC-03:00", "UTC" — ASCII signs, so people can type them. */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

export type TimeZoneOption = {
  /** The IANA name saved in the profile. */
  value: string;
  /** The place, as people say it: "Ho Chi Minh", "Buenos Aires". */
  city: string;
  /** The rest of the name: "America/Argentina", "Asia"; empty for UTC. */
  region: string;
  offsetMinutes: number;
  /** "UTC+05:30". */
  offset: string;
  /** Other words that should find it: the old name, "GMT+5:30", "+5:30", "+0530". */
  keywords: string[];
};

function offsetKeywords(minutes: number): string[] {
  if (minutes === 0) return ['UTC', 'GMT', '+00:00', 'Z'];
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const short = m === 0 ? `${sign}${h}` : `${sign}${h}:${String(m).padStart(2, '0')}`;
  const padded = `${sign}${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}`;
  return [`UTC${short}`, `GMT${short}`, short, padded];
}

/**
 * The picker's options for the zones a runtime lists, at `at`: renamed zones under their
 * current names (once each), UTC included, `current` kept even when the runtime does not list
 * it (a profile saved elsewhere must not lose its value), sorted west to east, then by name.
 */
export function timeZoneOptions(listed: readonly string[], at: Date, current?: string): TimeZoneOption[] {
  const formerNames = new Map<string, string[]>();
  const zones = new Set<string>(['UTC']);
  for (const zone of [...listed, ...(current ? [current] : [])]) {
    const now = canonicalZone(zone);
    zones.add(now);
    if (now !== zone) formerNames.set(now, [...(formerNames.get(now) ?? []), zone]);
  }
  const options: TimeZoneOption[] = [];
  for (const value of zones) {
    let offsetMinutes: number;
    try {
      offsetMinutes = zoneOffsetMinutes(value, at);
    } catch {
      continue; // a name this runtime cannot use is not offered
    }
    const slash = value.lastIndexOf('/');
    const city = (slash === -1 ? value : value.slice(slash + 1)).replaceAll('_', ' ');
    const region = slash === -1 ? '' : value.slice(0, slash).replaceAll('_', ' ');
    options.push({
      value,
      city,
      region,
      offsetMinutes,
      offset: formatOffset(offsetMinutes),
      keywords: [value, ...(formerNames.get(value) ?? []), ...offsetKeywords(offsetMinutes)],
    });
  }
  return options.sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.value.localeCompare(b.value, 'en'));
}
