import { ErrorCode } from '@repo/contracts';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from '../errors';

/** What the error handler needs to answer; `internal` errors are logged with their stack. */
export interface MappedError {
  status: number;
  code: ErrorCode;
  detail?: string;
  errors?: FieldIssue[];
  headers?: Record<string, string>;
  internal: boolean;
}

/** Seconds a client should wait before retrying when a dependency is down. */
export const RETRY_AFTER_SECONDS = '5';

const fastifyCodes: Record<string, { code: ErrorCode; detail: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', detail: 'Send application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', detail: 'The request body is too large.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', detail: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    detail: 'Content-Length does not match the body.',
  },
  FST_ERR_BAD_URL: { code: 'bad_request', detail: 'The URL is malformed.' },
  FST_ERR_NOT_FOUND: { code: 'not_found', detail: 'No such resource.' },
};

/** Prisma error codes (P…) that mean "the database is unreachable or overloaded", not a bug. */
const prismaUnavailable = new Set([
  'P1000',
  'P1001',
  'P1002',
  'P1003',
  'P1008',
  'P1011',
  'P1017',
  'P2024',
  'P2037',
]);
/** PostgreSQL SQLSTATE classes/codes: 08 connection exception, 53 resources, 57P shutdown/starting. */
const pgUnavailable = /^(08...|53...|57P0[1-3])$/;
const netUnavailable = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const adapterUnavailable = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'AuthenticationFailed',
  'DatabaseDoesNotExist',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/** The error and its `cause` chain (bounded: causes can be cyclic). */
function chain(error: unknown): Obj[] {
  const out: Obj[] = [];
  let current: unknown = error;
  while (isObj(current) && out.length < 6 && !out.includes(current)) {
    out.push(current);
    current = current.cause;
  }
  return out;
}

function dataLayerError(error: unknown): MappedError | undefined {
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : typeof e.errorCode === 'string' ? e.errorCode : '';
    const kind = typeof e.kind === 'string' ? e.kind : '';
    const name = typeof e.name === 'string' ? e.name : '';
    if (code === 'P2002' || code === '23505' || kind === 'UniqueConstraintViolation') {
      return { status: 409, code: 'conflict', detail: 'The resource already exists.', internal: false };
    }
    if (code === 'P2034' || code === '40001' || code === '40P01' || kind === 'TransactionWriteConflict') {
      return {
        status: 409,
        code: 'conflict',
        detail: 'Concurrent update; retry the request.',
        internal: false,
      };
    }
    if (code === 'P2025')
      return { status: 404, code: 'not_found', detail: 'No such resource.', internal: false };
    if (
      prismaUnavailable.has(code) ||
      pgUnavailable.test(code) ||
      netUnavailable.has(code) ||
      adapterUnavailable.has(kind) ||
      code === 'DATABASE_UNAVAILABLE' ||
      name === 'PrismaClientInitializationError' ||
      name === 'MaxRetriesPerRequestError'
    ) {
      return {
        status: 503,
        code: 'service_unavailable',
        detail: 'A dependency is temporarily unavailable; retry later.',
        headers: { 'retry-after': RETRY_AFTER_SECONDS },
        internal: true,
      };
    }
  }
  return undefined;
}

/**
 * A field error's code: the Zod issue code, except that a custom issue may name its own stable
 * code in `params.code` (e.g. `invalid_cursor` from @repo/contracts' ListCursor).
 */
function issueCode(v: { keyword: string; params?: unknown }): string {
  if (v.keyword !== 'custom' || typeof v.params !== 'object' || v.params === null) return v.keyword;
  const own = (v.params as { params?: { code?: unknown } }).params?.code;
  return typeof own === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(own) ? own : v.keyword;
}

function validationIssues(error: {
  validation: { instancePath: string; message?: string; keyword: string; params?: unknown }[];
  validationContext?: string;
}): FieldIssue[] {
  // Body fields are reported by their own path (`email`) so forms can map them directly; other
  // parts are prefixed (`querystring.limit`) to stay unambiguous.
  const context = error.validationContext;
  const prefix = context && context !== 'body' ? `${context}.` : '';
  return error.validation.map((v) => ({
    path: `${prefix}${v.instancePath.replace(/^\//, '').replaceAll('/', '.')}`.replace(/\.$/, ''),
    message: v.message ?? 'Invalid value',
    code: issueCode(v),
  }));
}

// First code listed for a status wins, except that a bare 400 is `bad_request`, not a validation error.
const codeByStatus = new Map<number, ErrorCode>([[400, 'bad_request']]);
for (const [code, status] of Object.entries(ErrorCode) as [ErrorCode, number][]) {
  if (!codeByStatus.has(status)) codeByStatus.set(status, code);
}

export function mapError(error: unknown): MappedError {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.errors ? { errors: error.errors } : {}),
      ...(error.headers ? { headers: error.headers } : {}),
      internal: error.status >= 500,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      status: 400,
      code: 'validation_failed',
      detail: 'The request is invalid.',
      errors: validationIssues(error as never),
      internal: false,
    };
  }
  const data = dataLayerError(error);
  if (data) return data;
  if (isObj(error)) {
    const code = typeof error.code === 'string' ? error.code : '';
    const known = fastifyCodes[code];
    if (known) {
      return { status: ErrorCode[known.code], code: known.code, detail: known.detail, internal: false };
    }
    if (code === 'FST_ERR_VALIDATION' || Array.isArray(error.validation)) {
      return { status: 400, code: 'validation_failed', detail: 'The request is invalid.', internal: false };
    }
    // Other 4xx raised by Fastify or its plugins: keep the status, use the canonical code for it.
    const status = typeof error.statusCode === 'number' ? error.statusCode : 0;
    if (status >= 400 && status < 500) {
      return { status, code: codeByStatus.get(status) ?? 'bad_request', internal: false };
    }
  }
  return { status: 500, code: 'internal_error', detail: 'An unexpected error occurred.', internal: true };
}

export function problemTitle(code: string): string {
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
