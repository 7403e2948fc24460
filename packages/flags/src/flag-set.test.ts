import { describe, expect, it } from 'vitest';
import { evaluateAll } from './evaluate';
import { FlagSet } from './flag-set';
import { booleanFlag, multiFlag } from './flags.test-support';

describe('FlagSet', () => {
  it('holds parsed definitions by key', () => {
    const set = new FlagSet([booleanFlag(), multiFlag()]);
    expect(set.size).toBe(2);
    expect(set.get('new-dashboard')).toMatchObject({ kind: 'boolean', killSwitch: false, rules: [] });
    expect(set.get('missing')).toBeUndefined();
    expect(Object.keys(evaluateAll(set.all(), {}, 'test'))).toEqual([
      'new-dashboard',
      'checkout.button-color',
    ]);
  });

  it('replaces the whole set at once', () => {
    const set = new FlagSet([booleanFlag(), multiFlag()]);
    set.replace([booleanFlag({ killSwitch: true })]);
    expect(set.size).toBe(1);
    expect(set.get('new-dashboard')?.killSwitch).toBe(true);
    expect(set.get('checkout.button-color')).toBeUndefined();
  });

  it('keeps the old set when the new one has an invalid flag or a duplicate key', () => {
    const set = new FlagSet([booleanFlag()]);
    const before = set.get('new-dashboard');
    expect(() => set.replace([multiFlag(), booleanFlag({ key: 'Bad Key' })])).toThrow(/flag key/);
    expect(() => set.replace([booleanFlag({ killSwitch: true }), booleanFlag()])).toThrow(
      /duplicate flag key "new-dashboard"/,
    );
    expect(set.size).toBe(1);
    expect(set.get('new-dashboard')).toBe(before);
    expect(set.get('checkout.button-color')).toBeUndefined();
  });

  it('freezes definitions so one caller cannot change them for everyone', () => {
    const set = new FlagSet([multiFlag()]);
    const flag = set.get('checkout.button-color')!;
    expect(() => {
      (flag as { killSwitch: boolean }).killSwitch = true;
    }).toThrow(TypeError);
    expect(() => {
      (flag.variants[0] as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect(set.get('checkout.button-color')?.killSwitch).toBe(false);
  });

  it('does not keep a reference to the caller input', () => {
    const input = booleanFlag();
    const set = new FlagSet([input]);
    input.killSwitch = true;
    expect(set.get('new-dashboard')?.killSwitch).toBe(false);
  });
});
