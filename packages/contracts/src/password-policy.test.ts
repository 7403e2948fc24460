import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from './auth';
import { passwordRuleIssue } from './password-policy';

describe('passwordRuleIssue (the rules the API enforces and the sign-up hint shows)', () => {
  it('counts characters, not UTF-16 units, against the minimum', () => {
    expect(passwordRuleIssue('a1b2c3d4e5f')).toBe('too_small');
    expect(passwordRuleIssue('🔑'.repeat(PASSWORD_MIN_LENGTH - 1))).toBe('too_small');
    expect(passwordRuleIssue('violet tram 42')).toBeNull();
  });

  it('refuses more than the byte ceiling before anything else', () => {
    expect(passwordRuleIssue('é'.repeat(PASSWORD_MAX_BYTES / 2 + 1))).toBe('too_big');
  });

  it('refuses repetition whatever the case', () => {
    expect(passwordRuleIssue('abcABCabcABCabc')).toBe('password_too_common');
    expect(passwordRuleIssue('121212121212')).toBe('password_too_common');
  });

  it('refuses the product name, the name and the address’s local part', () => {
    expect(passwordRuleIssue('my groundwork key')).toBe('password_contains_context');
    expect(passwordRuleIssue('the samira cipher', { name: 'Samira Haddad' })).toBe(
      'password_contains_context',
    );
    expect(passwordRuleIssue('lovely jdoe 2026!', { email: 'j.doe+x@example.com' })).toBeNull();
    expect(passwordRuleIssue('hello jdoe-42 xyz', { email: 'jdoe@example.com' })).toBe(
      'password_contains_context',
    );
  });

  it('uses the blocklist only when the caller has one (the server)', () => {
    const listed = (lower: string) => lower === 'correcthorsebattery';
    expect(passwordRuleIssue('CorrectHorseBattery')).toBeNull();
    expect(passwordRuleIssue('CorrectHorseBattery', {}, listed)).toBe('password_too_common');
  });
});
