import sjson from 'secure-json-parse';
import { AppError } from '../errors';

export interface JsonLimits {
  /** Deepest allowed nesting of objects/arrays. */
  maxDepth: number;
  /** Most object keys allowed in one body, across all levels. */
  maxKeys: number;
}

export const defaultJsonLimits: JsonLimits = { maxDepth: 32, maxKeys: 5_000 };

const OPEN_OBJ = 0x7b;
const OPEN_ARR = 0x5b;
const CLOSE_OBJ = 0x7d;
const CLOSE_ARR = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * One linear pass over the raw text before JSON.parse: rejects hostile shapes (100k-deep nesting,
 * 100k keys) in O(n) without building them, so neither the parser nor our later tree walk can be
 * made to burn CPU or overflow the stack.
 */
function checkShape(text: string, limits: JsonLimits): void {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJ || c === OPEN_ARR) {
      if (++depth > limits.maxDepth) throw new AppError('bad_request', 'The JSON body is nested too deeply.');
    } else if (c === CLOSE_OBJ || c === CLOSE_ARR) depth--;
    // Outside strings a colon only ever separates a key from its value.
    else if (c === COLON && ++keys > limits.maxKeys) {
      throw new AppError('bad_request', 'The JSON body has too many keys.');
    }
  }
}

/**
 * PostgreSQL rejects U+0000 in text and lone surrogates cannot be encoded as UTF-8: both would
 * surface as a 500 deep in the data layer, so they are refused at the edge (keys included).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badString(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

function checkStrings(value: unknown): void {
  if (typeof value === 'string') {
    if (badString(value))
      throw new AppError('bad_request', 'Strings must not contain NUL or lone surrogates.');
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) checkStrings(item);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (badString(k)) throw new AppError('bad_request', 'Strings must not contain NUL or lone surrogates.');
    checkStrings(v);
  }
}

/** Parses a JSON request body, or throws an AppError (400) describing what is wrong with it. */
export function parseJsonBody(text: string, limits: JsonLimits = defaultJsonLimits): unknown {
  if (text.trim() === '') throw new AppError('invalid_json', 'The JSON body is empty.');
  checkShape(text, limits);
  let value: unknown;
  try {
    // protoAction/constructorAction 'error': `__proto__` and constructor.prototype are refused
    // outright rather than silently stripped, so clients learn their payload was rejected.
    value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const forbidden = error instanceof SyntaxError && /forbidden prototype property/i.test(error.message);
    throw forbidden
      ? new AppError('bad_request', 'The JSON body contains a forbidden property name.')
      : new AppError('invalid_json', 'The body is not valid JSON.');
  }
  checkStrings(value);
  return value;
}
