import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type';

/** How many leading bytes the sniffer reads (file-type's own sample size). */
export const SNIFF_BYTES = 4100;

/**
 * `image/PNG; charset=x` → `image/png`: the parameters and case of a declared type never matter
 * to the comparison.
 */
export function baseType(type: string): string {
  return (type.split(';')[0] ?? '').trim().toLowerCase();
}

/** Spellings browsers and operating systems use for one format, mapped to file-type's name. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/x-ms-bmp': 'image/bmp',
  'image/x-bmp': 'image/bmp',
  'image/vnd.microsoft.icon': 'image/x-icon',
  'application/x-pdf': 'application/pdf',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
  'audio/x-flac': 'audio/flac',
  'video/x-msvideo': 'video/vnd.avi',
  'video/avi': 'video/vnd.avi',
  'video/msvideo': 'video/vnd.avi',
  'video/x-matroska': 'video/matroska',
  'application/x-zip-compressed': 'application/zip',
  'application/x-zip': 'application/zip',
  'application/x-gzip': 'application/gzip',
  'application/vnd.rar': 'application/x-rar-compressed',
  'application/x-rar': 'application/x-rar-compressed',
};

const canonical = (type: string) => ALIASES[type] ?? type;

/**
 * Formats that share one container: the first bytes only show the container (a .docx is a ZIP,
 * a .doc an OLE compound file, .mov and .m4a are ISO media files), so any member matches any
 * other. The sniffer naming the generic container is no contradiction of a specific member.
 */
const FAMILIES: readonly (readonly string[])[] = [
  [
    'application/zip',
    'application/java-archive',
    'application/epub+zip',
    'application/vnd.android.package-archive',
    'application/x-xpinstall',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.text-template',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.spreadsheet-template',
    'application/vnd.oasis.opendocument.presentation',
    'application/vnd.oasis.opendocument.presentation-template',
    'application/vnd.oasis.opendocument.graphics',
    'application/vnd.oasis.opendocument.graphics-template',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.template',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.openxmlformats-officedocument.presentationml.template',
    'application/vnd.openxmlformats-officedocument.presentationml.slideshow',
    'application/vnd.ms-excel.sheet.macroenabled.12',
    'application/vnd.ms-word.document.macroenabled.12',
    'application/vnd.ms-powerpoint.presentation.macroenabled.12',
    'model/3mf',
  ],
  [
    'application/x-cfb',
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/vnd.ms-outlook',
    'application/vnd.visio',
    'application/x-msi',
  ],
  [
    'video/mp4',
    'video/quicktime',
    'video/x-m4v',
    'video/3gpp',
    'video/3gpp2',
    'audio/mp4',
    'audio/x-m4a',
    'audio/m4a',
    'audio/3gpp',
    'audio/3gpp2',
  ],
  ['video/webm', 'audio/webm', 'video/matroska', 'audio/matroska'],
  ['audio/ogg', 'video/ogg', 'audio/opus', 'application/ogg', 'audio/x-ogg'],
  ['image/heif', 'image/heic', 'image/heif-sequence', 'image/heic-sequence'],
];
/** The generic container of a family: a sniffed container says less than a declared member. */
const CONTAINERS = new Set(['application/zip', 'application/x-cfb']);

const familyOf = new Map<string, number>();
FAMILIES.forEach((members, index) => {
  for (const member of members) familyOf.set(member, index);
});

/** The two types name the same format, or members of one container family. */
function sameFormat(declared: string, sniffed: string): boolean {
  if (declared === sniffed) return true;
  const family = familyOf.get(declared);
  return family !== undefined && family === familyOf.get(sniffed);
}

/** Types a client sends when it does not know: they assert nothing the bytes could contradict. */
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

const TEXT_APPLICATION = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/ecmascript',
  'application/x-javascript',
  'application/x-sh',
  'application/x-csh',
  'application/x-yaml',
  'application/yaml',
  'application/toml',
  'application/sql',
  'application/graphql',
  'application/x-ndjson',
  'application/csv',
  'application/x-csv',
  'application/rtf',
  'application/x-httpd-php',
  'application/x-tex',
  'application/x-latex',
  'application/x-subrip',
]);

/** A declared type whose content is text (a format file-type mostly cannot recognise). */
export function isTextType(type: string): boolean {
  return (
    type.startsWith('text/') || TEXT_APPLICATION.has(type) || type.endsWith('+json') || type.endsWith('+xml')
  );
}

/**
 * What the sniffer may report for bytes that are text after all: text formats it knows by their
 * opening words (XML, RTF, iCalendar, vCard, WebVTT), and signatures of two or three letters
 * ("BM" opens a BMP and a CSV of car makes alike, "MZ" an executable, "ID3" an MP3).
 */
const TEXT_LOOKALIKES = new Set([
  'application/xml',
  'application/rtf',
  'text/calendar',
  'text/vcard',
  'text/vtt',
  'image/bmp',
  'application/x-msdownload',
  'audio/mpeg',
]);

/**
 * A declared type the bytes must confirm: every image (not SVG, which is text), and every format
 * the sniffer knows by signature. A declared type outside this set and not text is an assertion
 * the worker cannot check, so it is neither confirmed nor refuted.
 */
function mustMatch(type: string): boolean {
  if (isTextType(type)) return false;
  return type.startsWith('image/') || supportedMimeTypes.has(type as never) || familyOf.has(type);
}

/**
 * The sample reads as text: no NUL byte (UTF-16 needs its byte-order mark), no C0 control
 * character other than tab, line breaks, form feed and escape. Latin-1 and UTF-8 both pass; a
 * real binary format has NULs or control bytes within its first few KB.
 */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)))
    return true;
  for (const byte of head) {
    if (byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c || byte === 0x1b)
      continue;
    return false;
  }
  return true;
}

/** The reasons this check gives, a subset of the contract's FILE_REJECT_REASONS. */
export type VerdictReason = 'empty' | 'too_large' | 'size_mismatch' | 'type_mismatch' | 'type_not_allowed';

export type Verdict =
  | {
      ok: true;
      /** The type the bytes were found to be (or to be consistent with); null when unconfirmable. */
      detectedType: string | null;
    }
  | { ok: false; reason: VerdictReason };

export interface VerifyInput {
  /** The object's first bytes (at least SNIFF_BYTES when the object is that large). */
  head: Uint8Array;
  declaredType: string;
  /** The object's real size (HeadObject), not the one the client declared. */
  size: number;
  /** The size the client declared when it asked to upload. */
  declaredSize?: number;
  /** The purpose's size limit in bytes. */
  maxBytes: number;
  /** The purpose's allowed types (avatars and logos); undefined allows any type. */
  allowedTypes?: readonly string[];
}

/** The size rules alone (no bytes needed): what is wrong with the size, or null when it is fine. */
export function sizeVerdict(
  input: Pick<VerifyInput, 'size' | 'declaredSize' | 'maxBytes'>,
): 'empty' | 'too_large' | 'size_mismatch' | null {
  if (input.size === 0) return 'empty';
  if (input.size > input.maxBytes) return 'too_large';
  if (input.declaredSize !== undefined && input.declaredSize !== input.size) return 'size_mismatch';
  return null;
}

/**
 * Decides from the object's size and first bytes whether it is what the client said it is
 * (docs/files.md, "Verification and images"). Pure apart from file-type's parsing.
 */
export async function verifyObject(input: VerifyInput): Promise<Verdict> {
  const bySize = sizeVerdict(input);
  if (bySize) return { ok: false, reason: bySize };

  const declared = canonical(baseType(input.declaredType));
  const head = input.head.subarray(0, SNIFF_BYTES);
  const sniffed = await fileTypeFromBuffer(head);
  const found = sniffed ? canonical(sniffed.mime) : undefined;
  const verdict = judge(declared, found, head);
  if (!verdict.ok || !input.allowedTypes) return verdict;
  const allowed = input.allowedTypes.map((t) => canonical(baseType(t)));
  return verdict.detectedType && allowed.includes(verdict.detectedType)
    ? verdict
    : { ok: false, reason: 'type_not_allowed' };
}

function judge(declared: string, found: string | undefined, head: Uint8Array): Verdict {
  if (GENERIC.has(declared)) return { ok: true, detectedType: found ?? null };
  if (isTextType(declared)) {
    // Text has no signature. Binary bytes under a text type are a mismatch, and so is a real
    // format's signature (a PDF named .txt) unless it is one plain text can start with.
    if (!looksLikeText(head)) return { ok: false, reason: 'type_mismatch' };
    return found === undefined || found === declared || TEXT_LOOKALIKES.has(found)
      ? { ok: true, detectedType: declared }
      : { ok: false, reason: 'type_mismatch' };
  }
  if (found !== undefined) {
    if (sameFormat(declared, found))
      return { ok: true, detectedType: CONTAINERS.has(found) && familyOf.has(declared) ? declared : found };
    // A declared type the worker cannot check says nothing the bytes contradict.
    if (!mustMatch(declared)) return { ok: true, detectedType: found };
    return { ok: false, reason: 'type_mismatch' };
  }
  // No signature: fine for a type that has none we know, fatal for one that must have it
  // (an HTML page named .png, a script named .pdf).
  return mustMatch(declared) ? { ok: false, reason: 'type_mismatch' } : { ok: true, detectedType: null };
}
