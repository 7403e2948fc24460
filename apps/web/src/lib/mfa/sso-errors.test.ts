import { describe, expect, it } from 'vitest';
import ar from '../../../messages/ar.json';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import { SSO_ERROR_CODES, ssoErrorKey } from './sso-errors';

describe('ssoErrorKey', () => {
  it('keeps known codes, maps anything else to generic and nothing to null', () => {
    expect(ssoErrorKey('sso_access_denied')).toBe('sso_access_denied');
    expect(ssoErrorKey(['sso_state_invalid', 'x'])).toBe('sso_state_invalid');
    expect(ssoErrorKey('<script>')).toBe('generic');
    expect(ssoErrorKey('constructor')).toBe('generic');
    expect(ssoErrorKey(undefined)).toBeNull();
    expect(ssoErrorKey('')).toBeNull();
  });

  for (const [locale, catalog] of Object.entries({ en, fr, ar })) {
    it(`${locale} has a sentence for every code`, () => {
      const messages = catalog.SsoErrors as Record<string, string>;
      for (const key of [...SSO_ERROR_CODES, 'generic']) expect(messages[key], key).toBeTruthy();
    });
  }
});
