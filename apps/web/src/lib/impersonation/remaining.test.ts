import { describe, expect, it } from 'vitest';
import { formatRemaining } from './remaining';

describe('formatRemaining', () => {
  it('shows minutes and seconds, hours only when there are some', () => {
    expect(formatRemaining(30 * 60_000)).toBe('30:00');
    expect(formatRemaining(61_000)).toBe('1:01');
    expect(formatRemaining(4 * 3600_000)).toBe('4:00:00');
    expect(formatRemaining(3600_000 + 65_000)).toBe('1:01:05');
  });

  it('rounds up a started second and never goes below zero', () => {
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-5000)).toBe('0:00');
  });
});
