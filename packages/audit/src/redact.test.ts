import { describe, expect, it } from 'vitest';
import { isSecretKey, REDACTED, redact } from './redact';

describe('redact', () => {
  it('replaces secret-looking values at any depth and inside arrays', () => {
    const input = {
      name: 'Ada',
      password: 'hunter2',
      passwordHash: '$argon2id$…',
      nested: { refreshToken: 'r', deeper: { api_key: 'k', clientSecret: 's', ok: 1 } },
      list: [{ tokenHash: 'h', label: 'x' }, 'plain'],
    };
    expect(redact(input)).toEqual({
      name: 'Ada',
      password: REDACTED,
      passwordHash: REDACTED,
      nested: { refreshToken: REDACTED, deeper: { api_key: REDACTED, clientSecret: REDACTED, ok: 1 } },
      list: [{ tokenHash: REDACTED, label: 'x' }, 'plain'],
    });
    // The input is untouched: redaction works on a copy.
    expect(input.password).toBe('hunter2');
  });

  it('recognises secret keys in any case and separator style, and leaves ordinary keys alone', () => {
    for (const key of [
      'password',
      'PASSWORD',
      'new_password',
      'token',
      'access-token',
      'secret',
      'totpSecret',
      'otp',
      'authorization',
      'Cookie',
    ])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of ['email', 'name', 'locale', 'footprint', 'ip', 'lockedUntil', 'role'])
      expect(isSecretKey(key), key).toBe(false);
  });

  it('produces JSON-safe output: dates, bigints, cycles, undefined, non-finite numbers', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(redact({ at, big: 10n, nan: Number.NaN, gone: undefined, fn: () => 1, cyclic })).toEqual({
      at: '2026-01-02T03:04:05.000Z',
      big: '10',
      nan: null,
      cyclic: { a: 1, self: '[truncated]' },
    });
  });

  it('keeps a __proto__ key as data without polluting anything', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "password": "x"}');
    const out = redact(input) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out.password).toBe(REDACTED);
    expect(JSON.stringify(out)).toContain('"polluted":true');
  });
});

describe('identifiers of secret-holding rows', () => {
  it('keeps ids (apiKeyId, token_id) while still redacting the secrets themselves', () => {
    expect(redact({ apiKeyId: 'k1', token_id: 't1', apiKey: 'gwk_x', tokenHash: 'h' })).toEqual({
      apiKeyId: 'k1',
      token_id: 't1',
      apiKey: '[redacted]',
      tokenHash: '[redacted]',
    });
  });
});
