import { describe, expect, it } from 'vitest';
import { formatDateTime } from './dates';
import { appLink } from './links';

describe('appLink', () => {
  it('joins APP_URL, locale and path, with or without a trailing slash or a path prefix', () => {
    expect(appLink('https://app.test/', 'fr', '/unlock', 'abc')).toBe('https://app.test/fr/unlock?token=abc');
    expect(appLink('https://x.test/base', 'ar', '/settings/security')).toBe(
      'https://x.test/base/ar/settings/security',
    );
  });

  it('encodes the token so it cannot add parameters or change the path', () => {
    expect(appLink('https://app.test', 'en', '/reset-password', 'a&next=//evil.test#x')).toBe(
      'https://app.test/en/reset-password?token=a%26next%3D%2F%2Fevil.test%23x',
    );
  });
});

describe('formatDateTime', () => {
  it('uses the locale and the zone, UTC by default, and names the zone', () => {
    expect(formatDateTime('2030-03-04T17:05:00Z', 'en')).toMatch(/^March 4, 2030 at 5:05\sPM UTC$/);
    expect(formatDateTime('2030-03-04T17:05:00Z', 'fr', 'America/New_York')).toMatch(
      /^4 mars 2030 à 12:05\sUTC−5$/,
    );
  });
});
