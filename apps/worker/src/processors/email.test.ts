import { describe, expect, it } from 'vitest';
import { messageIdDomain } from './email';

describe('messageIdDomain', () => {
  it('takes the domain of the From address', () => {
    expect(messageIdDomain('Groundwork <no-reply@mail.example.com>')).toBe('mail.example.com');
    expect(messageIdDomain('no-reply@example.org')).toBe('example.org');
  });

  it('falls back when From has no domain', () => {
    expect(messageIdDomain('Groundwork')).toBe('groundwork.local');
  });
});
