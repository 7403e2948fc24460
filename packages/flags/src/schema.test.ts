import { describe, expect, it } from 'vitest';
import { booleanFlag, multiFlag } from './flags.test-support';
import { FlagDefinition, type FlagDefinitionInput } from './schema';

/** The issues of a rejected definition, as "path: message". */
function issues(input: unknown): string[] {
  const result = FlagDefinition.safeParse(input);
  expect(result.success, 'expected the definition to be rejected').toBe(false);
  return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('FlagDefinition', () => {
  it('accepts the fixtures and fills in defaults', () => {
    const flag = FlagDefinition.parse(booleanFlag());
    expect(flag).toMatchObject({ description: '', killSwitch: false, rules: [] });
    expect(FlagDefinition.safeParse(multiFlag()).success).toBe(true);
  });

  it.each([
    ['Uppercase', /key: flag key must be lowercase/],
    ['has space', /key: flag key must be lowercase/],
    ['under_score', /key: flag key must be lowercase/],
    ['trailing.', /key: flag key must be lowercase/],
    ['double..dot', /key: flag key must be lowercase/],
    ['', /key: flag key must be lowercase/],
    ['a'.repeat(65), /key: flag key must be at most 64 characters/],
  ])('rejects the key %j', (key, message) => {
    expect(issues(booleanFlag({ key })).join('\n')).toMatch(message);
  });

  it('accepts keys with dots, dashes and digits up to 64 characters', () => {
    for (const key of ['checkout.new-flow', 'v2', 'a'.repeat(64), 'billing.plan-2024.promo']) {
      expect(FlagDefinition.safeParse(booleanFlag({ key })).success, key).toBe(true);
    }
  });

  it('rejects rollout weights that do not sum to 100, saying what they sum to', () => {
    expect(issues(booleanFlag({ rollout: { by: 'user', weights: { off: 50, on: 49.5 } } }))).toContain(
      'rollout.weights: rollout weights must sum to 100 (got 99.5)',
    );
    expect(
      issues(multiFlag({ rollout: { by: 'user', weights: { control: 33.33, blue: 33.33, green: 33.33 } } })),
    ).toContain('rollout.weights: rollout weights must sum to 100 (got 99.99)');
    expect(issues(booleanFlag({ rollout: { by: 'user', weights: {} } }))).toContain(
      'rollout.weights: a rollout needs at least one weight',
    );
  });

  it('rejects weights with more than two decimals or out of range', () => {
    expect(issues(booleanFlag({ rollout: { by: 'user', weights: { off: 50.005, on: 49.995 } } }))).toContain(
      'rollout.weights.off: a weight has at most two decimals',
    );
    expect(
      issues(booleanFlag({ rollout: { by: 'user', weights: { off: 110, on: -10 } } })).join('\n'),
    ).toMatch(/rollout\.weights\.on: a weight must be between 0 and 100/);
  });

  it('rejects a variant a rule, a rollout, a default or offVariant does not declare', () => {
    const found = issues(
      multiFlag({
        offVariant: 'red',
        defaults: { development: 'blue', test: 'purple', production: 'control' },
        rules: [
          {
            id: 'r1',
            conditions: [{ attribute: 'role', operator: 'in', values: ['admin'] }],
            variant: 'yellow',
          },
          {
            id: 'r2',
            conditions: [{ attribute: 'role', operator: 'in', values: ['user'] }],
            rollout: { by: 'user', weights: { blue: 50, orange: 50 } },
          },
        ],
        rollout: { by: 'user', weights: { blue: 50, pink: 50 } },
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'offVariant: unknown variant "red"',
        'defaults.test: unknown variant "purple"',
        'rules.0.variant: unknown variant "yellow"',
        'rules.1.rollout.weights.orange: unknown variant "orange"',
        'rollout.weights.pink: unknown variant "pink"',
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('rejects duplicate variants and duplicate rule ids', () => {
    expect(
      issues(
        multiFlag({
          variants: [{ name: 'a' }, { name: 'b' }, { name: 'a' }],
          offVariant: 'a',
          defaults: { development: 'a', test: 'a', production: 'a' },
        }),
      ),
    ).toEqual(['variants.2.name: duplicate variant "a"']);
    const rule = {
      id: 'same',
      conditions: [{ attribute: 'role' as const, operator: 'in' as const, values: ['x'] }],
      variant: 'on',
    };
    expect(issues(booleanFlag({ rules: [rule, rule] }))).toEqual(['rules.1.id: duplicate rule id "same"']);
  });

  it('rejects a boolean flag whose variants are not exactly off, on', () => {
    const bad: FlagDefinitionInput['variants'][] = [
      [{ name: 'on' }, { name: 'off' }],
      [{ name: 'off' }, { name: 'enabled' }],
      [{ name: 'off' }, { name: 'on' }, { name: 'maybe' }],
    ];
    for (const variants of bad) {
      expect(
        issues(booleanFlag({ variants, defaults: { development: 'off', test: 'off', production: 'off' } })),
      ).toContain(
        `variants: a boolean flag has exactly the variants ["off", "on"] (got ${JSON.stringify(variants.map((v) => v.name))})`,
      );
    }
    expect(issues(booleanFlag({ variants: [{ name: 'off', value: 0 }, { name: 'on' }] }))).toEqual([
      'variants.0.value: boolean flag variants have no value (off is false, on is true)',
    ]);
    expect(issues(booleanFlag({ offVariant: 'on' }))).toEqual([
      'offVariant: the off variant of a boolean flag is "off"',
    ]);
  });

  it('requires offVariant on multivariate flags and 2-10 variants', () => {
    expect(issues(multiFlag({ offVariant: undefined }))).toEqual([
      'offVariant: a multivariate flag must declare offVariant (served by the kill switch)',
    ]);
    expect(issues(multiFlag({ variants: [{ name: 'control' }] })).join('\n')).toMatch(
      /variants: a flag needs at least 2 variants/,
    );
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `v${i}` }));
    expect(issues(multiFlag({ variants: eleven })).join('\n')).toMatch(/^variants: /);
  });

  it('rejects values that are not JSON and variant names that could collide with object internals', () => {
    expect(
      issues(
        multiFlag({
          variants: [{ name: 'control', value: () => 1 } as never, { name: 'blue' }, { name: 'green' }],
        }),
      ).join('\n'),
    ).toMatch(/^variants\.0\.value/);
    expect(issues(multiFlag({ variants: [{ name: '__proto__' }, { name: 'blue' }] })).join('\n')).toMatch(
      /^variants\.0\.name: variant name must be/,
    );
  });

  it('requires a rule to have conditions and exactly one of variant and rollout', () => {
    const conditions = [{ attribute: 'role' as const, operator: 'in' as const, values: ['admin'] }];
    expect(issues(booleanFlag({ rules: [{ id: 'r', conditions: [], variant: 'on' }] }))).toEqual([
      'rules.0.conditions: a rule needs at least one condition',
    ]);
    expect(issues(booleanFlag({ rules: [{ id: 'r', conditions }] }))).toEqual([
      'rules.0: a rule has either a variant or a rollout, not both',
    ]);
    expect(
      issues(
        booleanFlag({
          rules: [{ id: 'r', conditions, variant: 'on', rollout: { by: 'user', weights: { on: 100 } } }],
        }),
      ),
    ).toEqual(['rules.0: a rule has either a variant or a rollout, not both']);
  });

  it('rejects unknown attributes, operators and fields', () => {
    const rule = (condition: object) => ({ id: 'r', conditions: [condition], variant: 'on' });
    expect(
      issues(
        booleanFlag({ rules: [rule({ attribute: 'country', operator: 'in', values: ['fr'] })] as never }),
      ).join('\n'),
    ).toMatch(/^rules\.0\.conditions\.0\.attribute/);
    expect(
      issues(
        booleanFlag({ rules: [rule({ attribute: 'role', operator: 'eq', values: ['x'] })] as never }),
      ).join('\n'),
    ).toMatch(/^rules\.0\.conditions\.0\.operator/);
    expect(
      issues(booleanFlag({ rules: [rule({ attribute: 'role', operator: 'in', values: [] })] as never })).join(
        '\n',
      ),
    ).toMatch(/^rules\.0\.conditions\.0\.values/);
    expect(issues({ ...booleanFlag(), percentage: 10 }).join('\n')).toMatch(/percentage/);
  });
});
