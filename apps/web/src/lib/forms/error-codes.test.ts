import { ErrorCode } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import ar from '../../../messages/ar.json';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import { LOCALIZED_ERROR_CODES, TIMED_ERROR_CODES } from './error-codes';

describe('localized API errors', () => {
  it('only name codes the API defines (or the client-side network_error)', () => {
    for (const code of LOCALIZED_ERROR_CODES) {
      expect(code === 'network_error' || code in ErrorCode, code).toBe(true);
    }
  });

  for (const [locale, catalog] of Object.entries({ en, fr, ar })) {
    it(`${locale} has a sentence for each, plus the timed ones and the generic one`, () => {
      const errors = catalog.Errors as Record<string, string>;
      for (const key of [...LOCALIZED_ERROR_CODES, ...TIMED_ERROR_CODES, 'generic']) {
        expect(errors[key], `${locale}:Errors.${key}`).toBeTruthy();
      }
    });
  }
});
