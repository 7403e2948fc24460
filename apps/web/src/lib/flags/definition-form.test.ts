import { describe, expect, it } from 'vitest';
import {
  definitionFromDraft,
  draftFromDefinition,
  formatVariantValue,
  issueAnchor,
  isValidFlagKey,
  move,
  newFlagDraft,
  newRule,
  parseVariantValue,
  rolloutTotal,
  splitValues,
  summarize,
  withKind,
} from './definition-form';

// A stored definition as the API returns it (parsed by the schema: defaults applied).
const multivariate = {
  key: 'checkout.button-copy',
  description: 'Copy of the checkout button',
  kind: 'multivariate',
  variants: [{ name: 'control' }, { name: 'short', value: 'Buy' }, { name: 'limit', value: { max: 5 } }],
  offVariant: 'control',
  defaults: { development: 'short', test: 'control', production: 'control' },
  killSwitch: false,
  rules: [
    {
      id: 'staff',
      description: 'Our own people',
      conditions: [
        { attribute: 'emailDomain', operator: 'in', values: ['example.com', 'example.org'] },
        { attribute: 'role', operator: 'not_in', values: ['admin'] },
      ],
      variant: 'short',
    },
    {
      id: 'beta-orgs',
      conditions: [
        { attribute: 'organizationId', operator: 'in', values: ['0190a3c4-0000-7000-8000-000000000001'] },
      ],
      rollout: { by: 'organization', weights: { control: 33.33, short: 33.33, limit: 33.34 } },
    },
  ],
  rollout: { by: 'user', weights: { control: 90, short: 10 } },
};

describe('definition ⇄ draft', () => {
  it('round-trips a stored multivariate definition unchanged', () => {
    expect(definitionFromDraft(draftFromDefinition(multivariate))).toEqual(multivariate);
  });

  it('round-trips a boolean flag without offVariant, values or rollout', () => {
    const boolean = {
      key: 'dashboard.activity-card',
      description: '',
      kind: 'boolean',
      variants: [{ name: 'off' }, { name: 'on' }],
      defaults: { development: 'on', test: 'off', production: 'off' },
      killSwitch: true,
      rules: [
        {
          id: 'admins',
          conditions: [{ attribute: 'role', operator: 'in', values: ['admin'] }],
          variant: 'on',
        },
      ],
    };
    const draft = draftFromDefinition(boolean);
    expect(draft).toMatchObject({ killSwitch: true, rolloutEnabled: false, offVariant: 'off' });
    expect(definitionFromDraft(draft)).toEqual(boolean);
  });

  it('reads condition values as an editable list and writes them back split and trimmed', () => {
    const draft = draftFromDefinition(multivariate);
    expect(draft.rules[0]?.conditions[0]?.values).toBe('example.com, example.org');
    const [rule] = draft.rules;
    if (!rule?.conditions[0]) throw new Error('fixture');
    rule.conditions[0].values = ' a.com,\nb.com ,, \n';
    expect(definitionFromDraft(draft).rules[0]?.conditions[0]?.values).toEqual(['a.com', 'b.com']);
  });

  it('gives every rule a distinct stable uid that is not part of the definition', () => {
    const draft = draftFromDefinition(multivariate);
    const [a, b] = draft.rules;
    expect(a?.uid).not.toBe(b?.uid);
    expect(JSON.stringify(definitionFromDraft(draft))).not.toContain('rule-draft-');
  });

  it('drops the flag rollout when disabled and keeps only typed weights', () => {
    const draft = { ...draftFromDefinition(multivariate), rolloutEnabled: false };
    expect(definitionFromDraft(draft).rollout).toBeUndefined();
    const enabled = {
      ...draft,
      rolloutEnabled: true,
      rollout: { by: 'user' as const, weights: { control: '', short: '12,5', limit: '87.5' } },
    };
    expect(definitionFromDraft(enabled).rollout).toEqual({
      by: 'user',
      weights: { short: 12.5, limit: 87.5 },
    });
  });

  it('serves either a variant or a rollout from a rule, never both', () => {
    const draft = draftFromDefinition(multivariate);
    const [staff, beta] = draft.rules;
    if (!staff || !beta) throw new Error('fixture');
    draft.rules = [
      { ...staff, serve: 'rollout' },
      { ...beta, serve: 'variant', variant: 'limit' },
    ];
    const [first, second] = definitionFromDraft(draft).rules;
    expect(first).not.toHaveProperty('variant');
    expect(first?.rollout).toEqual({ by: 'user', weights: {} });
    expect(second).toMatchObject({ variant: 'limit' });
    expect(second).not.toHaveProperty('rollout');
  });

  it('sends a weight that is not a number as NaN, for the API to reject with its path', () => {
    const draft = {
      ...newFlagDraft(),
      key: 'x',
      rolloutEnabled: true,
      rollout: { by: 'user' as const, weights: { on: 'ten' } },
    };
    expect(definitionFromDraft(draft).rollout?.weights.on).toBeNaN();
  });
});

describe('variant values', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['42', 42],
    ['true', true],
    ['{"max":5}', { max: 5 }],
    ['"quoted"', 'quoted'],
    ['Buy now', 'Buy now'],
  ])('parses %j', (text, value) => {
    expect(parseVariantValue(text)).toEqual(value);
  });

  it.each([
    [undefined, ''],
    ['Buy now', 'Buy now'],
    ['42', '"42"'],
    ['true', '"true"'],
    [42, '42'],
    [null, 'null'],
    [{ max: 5 }, '{"max":5}'],
  ])('formats %j so it parses back to itself', (value, text) => {
    expect(formatVariantValue(value)).toBe(text);
    expect(parseVariantValue(text)).toEqual(value);
  });
});

describe('kinds', () => {
  it('a boolean flag always sends exactly off/on without values or offVariant', () => {
    const draft = { ...newFlagDraft(), key: 'a.b', variants: [{ name: 'x', value: '1' }] };
    const body = definitionFromDraft(draft);
    expect(body.variants).toEqual([{ name: 'off' }, { name: 'on' }]);
    expect(body).not.toHaveProperty('offVariant');
  });

  it('switching to multivariate keeps off/on as renamable variants; back to boolean resets them', () => {
    const multi = withKind(newFlagDraft(), 'multivariate');
    expect(multi.variants.map((v) => v.name)).toEqual(['off', 'on']);
    expect(definitionFromDraft({ ...multi, key: 'k' })).toMatchObject({
      kind: 'multivariate',
      offVariant: 'off',
    });
    const renamed = {
      ...multi,
      variants: [
        { name: 'red', value: '' },
        { name: 'blue', value: '' },
      ],
    };
    expect(withKind(renamed, 'boolean').variants.map((v) => v.name)).toEqual(['off', 'on']);
  });
});

describe('helpers', () => {
  it('validates keys like the API', () => {
    expect(isValidFlagKey('checkout.new-flow')).toBe(true);
    expect(isValidFlagKey('a1')).toBe(true);
    for (const bad of ['', 'Checkout', 'a..b', '-a', 'a-', 'a_b', 'a b', 'x'.repeat(65)])
      expect(isValidFlagKey(bad)).toBe(false);
  });

  it('names new rules uniquely', () => {
    const first = newRule([], 'on');
    expect(first).toMatchObject({ id: 'rule-1', variant: 'on', serve: 'variant' });
    expect(newRule([{ id: 'rule-2' }, { id: 'rule-3' }], 'on').id).toBe('rule-4');
    expect(newRule([{ id: 'rule-2' }], 'on').id).toBe('rule-3');
  });

  it('moves rules up and down, ignoring moves past either end', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('totals rollout weights exactly (33.33 + 33.33 + 33.34 = 100)', () => {
    const names = ['a', 'b', 'c'];
    expect(rolloutTotal({ by: 'user', weights: { a: '33.33', b: '33.33', c: '33.34' } }, names)).toBe(100);
    expect(rolloutTotal({ by: 'user', weights: { a: '10', stale: '90' } }, names)).toBe(10);
    expect(rolloutTotal({ by: 'user', weights: { a: 'x' } }, names)).toBeNaN();
  });

  it('splits values on commas and newlines', () => {
    expect(splitValues('a, b\nc,,\n d ')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitValues(' ')).toEqual([]);
  });

  it('anchors API issue paths to their field, rollout issues to the weights', () => {
    expect(issueAnchor('rules.0.conditions.1.values')).toBe('rules.0.conditions.1.values');
    expect(issueAnchor('defaults.test')).toBe('defaults.test');
    expect(issueAnchor('rollout.weights.beta')).toBe('rollout.weights');
    expect(issueAnchor('rules.2.rollout.weights')).toBe('rules.2.rollout.weights');
    expect(issueAnchor('')).toBe('');
  });

  it('summarizes a flag for the list in the current environment', () => {
    expect(summarize(multivariate, 'development')).toEqual({
      key: 'checkout.button-copy',
      description: 'Copy of the checkout button',
      kind: 'multivariate',
      killed: false,
      defaultVariant: 'short',
      ruleCount: 2,
      rollout: { control: 90, short: 10 },
    });
    const reordered = { ...multivariate, rollout: { by: 'user', weights: { short: 10, control: 90 } } };
    expect(Object.keys(summarize(reordered, 'test').rollout ?? {})).toEqual(['control', 'short']);
    expect(summarize({ ...multivariate, rollout: undefined, killSwitch: true }, null)).toMatchObject({
      killed: true,
      defaultVariant: null,
      rollout: null,
    });
  });
});
