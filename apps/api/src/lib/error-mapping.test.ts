import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { mapError, problemTitle } from './error-mapping';

const fastifyError = (code: string, statusCode: number) =>
  Object.assign(new Error(`fastify says ${code}`), { code, statusCode });

describe('mapError', () => {
  it('keeps an AppError code, detail, field errors and headers', () => {
    const mapped = mapError(
      new AppError('conflict', 'Already there', {
        errors: [{ path: 'email', message: 'taken', code: 'taken' }],
      }),
    );
    expect(mapped).toMatchObject({ status: 409, code: 'conflict', detail: 'Already there', internal: false });
    expect(mapped.errors).toHaveLength(1);
  });

  it.each([
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 415, 'unsupported_media_type'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 413, 'payload_too_large'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 400, 'invalid_json'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 400, 'invalid_json'],
    ['FST_ERR_BAD_URL', 400, 400, 'bad_request'],
    ['FST_ERR_SOMETHING_NEW', 405, 405, 'method_not_allowed'],
    ['FST_ERR_SOMETHING_ELSE', 400, 400, 'bad_request'],
  ])('maps Fastify %s', (code, statusCode, status, expected) => {
    expect(mapError(fastifyError(code, statusCode))).toMatchObject({
      status,
      code: expected,
      internal: false,
    });
  });

  it('maps Zod request validation errors to field errors', () => {
    const error = Object.assign(new Error('bad'), {
      validationContext: 'body',
      validation: [
        {
          [Symbol.for('ZodFastifySchemaValidationError')]: true,
          instancePath: '/profile/name',
          keyword: 'too_small',
          message: 'Too short',
        },
      ],
    });
    expect(mapError(error)).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [{ path: 'profile.name', message: 'Too short', code: 'too_small' }],
    });
  });

  it('prefixes non-body validation paths with their location', () => {
    const error = Object.assign(new Error('bad'), {
      validationContext: 'querystring',
      validation: [
        {
          [Symbol.for('ZodFastifySchemaValidationError')]: true,
          instancePath: '/limit',
          keyword: 'x',
          message: 'm',
        },
      ],
    });
    expect(mapError(error).errors?.[0]?.path).toBe('querystring.limit');
  });

  it('takes a custom issue’s own code from params (a stable code such as invalid_cursor)', () => {
    const issue = (keyword: string, params: unknown) => ({
      [Symbol.for('ZodFastifySchemaValidationError')]: true,
      instancePath: '/cursor',
      keyword,
      message: 'm',
      params,
    });
    const error = Object.assign(new Error('bad'), {
      validationContext: 'querystring',
      validation: [
        issue('custom', { params: { code: 'invalid_cursor' } }),
        issue('custom', {}),
        issue('custom', { params: { code: 'Not A Code!' } }),
        issue('too_big', { params: { code: 'invalid_cursor' } }),
      ],
    });
    expect(mapError(error).errors?.map((e) => e.code)).toEqual([
      'invalid_cursor',
      'custom',
      'custom',
      'too_big',
    ]);
  });

  it('maps unique violations (Prisma P2002 or raw 23505) to 409', () => {
    expect(mapError(Object.assign(new Error('x'), { code: 'P2002' }))).toMatchObject({
      status: 409,
      code: 'conflict',
    });
    expect(mapError(new Error('wrapped', { cause: { code: '23505' } })).status).toBe(409);
  });

  it.each([
    [{ code: 'P1001' }],
    [{ errorCode: 'P1001', name: 'PrismaClientInitializationError' }],
    [{ code: 'ECONNREFUSED' }],
    [{ code: '57P01' }],
    [{ code: 'DATABASE_UNAVAILABLE' }],
    [{ kind: 'DatabaseNotReachable' }],
  ])('maps connection failures (%j), even wrapped, to 503 with Retry-After', (cause) => {
    const mapped = mapError(new Error('query failed', { cause: Object.assign(new Error('inner'), cause) }));
    expect(mapped).toMatchObject({ status: 503, code: 'service_unavailable', internal: true });
    expect(mapped.headers?.['retry-after']).toBeDefined();
  });

  it('turns anything else into an opaque 500', () => {
    const mapped = mapError(
      new TypeError("Cannot read properties of undefined (reading 'x') at /app/src/x.ts"),
    );
    expect(mapped).toEqual({
      status: 500,
      code: 'internal_error',
      detail: 'An unexpected error occurred.',
      internal: true,
    });
    expect(mapError('a string').status).toBe(500);
    expect(mapError(null).status).toBe(500);
  });

  it('survives cyclic causes', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    expect(mapError(a).status).toBe(500);
  });
});

describe('problemTitle', () => {
  it('humanizes a code', () => {
    expect(problemTitle('rate_limited')).toBe('Rate limited');
  });
});
