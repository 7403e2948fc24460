import { describe, expect, it } from 'vitest';
import { fieldName, interpretSubmitResponse } from './problem';

const problem = (over: Record<string, unknown>) => ({
  type: 'https://groundwork.dev/problems/validation-failed',
  title: 'Validation failed',
  status: 400,
  code: 'validation_failed',
  requestId: 'req-1',
  ...over,
});

describe('interpretSubmitResponse', () => {
  it('treats 2xx as success', () => {
    expect(interpretSubmitResponse(202, { status: 'accepted' })).toEqual({ kind: 'success' });
  });

  it('returns the first field error of a problem+json body', () => {
    const body = problem({
      errors: [{ path: 'body.email', message: 'Invalid email', code: 'invalid_format' }],
    });
    expect(interpretSubmitResponse(400, body)).toEqual({
      kind: 'field',
      field: 'email',
      message: 'Invalid email',
      code: 'invalid_format',
    });
  });

  it('recognises rate limiting by status or code', () => {
    expect(interpretSubmitResponse(429, null)).toEqual({ kind: 'rate_limited' });
    expect(interpretSubmitResponse(400, problem({ code: 'rate_limited' }))).toEqual({ kind: 'rate_limited' });
  });

  it('falls back to a generic error for non-problem bodies', () => {
    expect(interpretSubmitResponse(502, '<html>Bad gateway</html>')).toEqual({ kind: 'error' });
    expect(interpretSubmitResponse(500, problem({ status: 500, code: 'internal_error' }))).toEqual({
      kind: 'error',
      code: 'internal_error',
    });
  });
});

describe('fieldName', () => {
  it('keeps the last path segment', () => {
    expect(fieldName('email')).toBe('email');
    expect(fieldName('/email')).toBe('email');
    expect(fieldName('body.email')).toBe('email');
    expect(fieldName('')).toBe('');
  });
});
