import { describe, expect, it } from 'vitest';
import { evaluate, evaluateAll } from './evaluate';
import { booleanFlag, multiFlag, parse } from './flags.test-support';
import { bucketOf } from './hash';
import type { FlagDefinitionInput } from './schema';

type RuleInput = NonNullable<FlagDefinitionInput['rules']>[number];
type ConditionInput = RuleInput['conditions'][number];

const ruleOn = (id: string, ...conditions: ConditionInput[]): RuleInput => ({
  id,
  conditions,
  variant: 'on',
});
const cond = (
  attribute: ConditionInput['attribute'],
  operator: ConditionInput['operator'],
  ...values: string[]
): ConditionInput => ({ attribute, operator, values });

/** A boolean flag that is off everywhere unless the single rule matches. */
function withRule(...conditions: ConditionInput[]) {
  return parse(
    booleanFlag({
      defaults: { development: 'off', test: 'off', production: 'off' },
      rules: [ruleOn('r', ...conditions)],
    }),
  );
}

describe('evaluate: defaults', () => {
  it('serves the default of the given environment', () => {
    const flag = parse(
      multiFlag({ defaults: { development: 'blue', test: 'green', production: 'control' } }),
    );
    expect(evaluate(flag, {}, 'development')).toEqual({
      variant: 'blue',
      value: '#0000ff',
      reason: 'default',
    });
    expect(evaluate(flag, {}, 'test')).toEqual({
      variant: 'green',
      value: { hex: '#00ff00', label: 'Green' },
      reason: 'default',
    });
    expect(evaluate(flag, {}, 'production')).toEqual({
      variant: 'control',
      value: '#000000',
      reason: 'default',
    });
  });

  it('gives boolean flags the values false/true and multivariate variants without value null', () => {
    const flag = parse(booleanFlag());
    expect(evaluate(flag, {}, 'development').value).toBe(true);
    expect(evaluate(flag, {}, 'production').value).toBe(false);
    const plain = parse(
      multiFlag({
        variants: [{ name: 'a' }, { name: 'b' }],
        offVariant: 'a',
        defaults: { development: 'b', test: 'b', production: 'b' },
      }),
    );
    expect(evaluate(plain, {}, 'test')).toEqual({ variant: 'b', value: null, reason: 'default' });
  });

  it('refuses an unknown environment instead of serving undefined', () => {
    const flag = parse(booleanFlag());
    expect(() => evaluate(flag, {}, 'staging' as 'test')).toThrow(/unknown environment "staging"/);
  });
});

describe('evaluate: rules', () => {
  it('applies rules in order: the first match wins and a later matching rule is ignored', () => {
    const flag = parse(
      multiFlag({
        rules: [
          { id: 'admins', conditions: [cond('role', 'in', 'admin')], variant: 'green' },
          { id: 'acme', conditions: [cond('organizationId', 'in', 'org_acme')], variant: 'blue' },
        ],
      }),
    );
    const both = { role: 'admin', organizationId: 'org_acme' };
    expect(evaluate(flag, both, 'production')).toMatchObject({
      variant: 'green',
      reason: 'rule',
      ruleId: 'admins',
    });
    expect(evaluate(flag, { organizationId: 'org_acme' }, 'production')).toMatchObject({
      variant: 'blue',
      value: '#0000ff',
      reason: 'rule',
      ruleId: 'acme',
    });
    expect(evaluate(flag, { role: 'user' }, 'production')).toEqual({
      variant: 'control',
      value: '#000000',
      reason: 'default',
    });

    const reversed = parse(multiFlag({ rules: [...flag.rules].reverse() }));
    expect(evaluate(reversed, both, 'production')).toMatchObject({ variant: 'blue', ruleId: 'acme' });
  });

  it('ANDs the conditions of a rule', () => {
    const flag = withRule(cond('role', 'in', 'admin'), cond('emailDomain', 'in', 'acme.com'));
    expect(evaluate(flag, { role: 'admin', email: 'a@acme.com' }, 'test').variant).toBe('on');
    expect(evaluate(flag, { role: 'admin', email: 'a@other.com' }, 'test').variant).toBe('off');
    expect(evaluate(flag, { role: 'user', email: 'a@acme.com' }, 'test').variant).toBe('off');
  });

  it.each([
    ['userId', { userId: 'usr_1' }, { userId: 'usr_2' }, 'usr_1'],
    ['organizationId', { organizationId: 'org_1' }, { organizationId: 'org_2' }, 'org_1'],
    ['role', { role: 'admin' }, { role: 'user' }, 'admin'],
    ['emailDomain', { email: 'x@acme.com' }, { email: 'x@other.com' }, 'acme.com'],
  ] as const)('matches %s with in and not_in', (attribute, listed, unlisted, value) => {
    const inFlag = withRule(cond(attribute, 'in', 'zzz', value));
    expect(evaluate(inFlag, listed, 'test')).toMatchObject({ variant: 'on', reason: 'rule' });
    expect(evaluate(inFlag, unlisted, 'test')).toMatchObject({ variant: 'off', reason: 'default' });

    const notInFlag = withRule(cond(attribute, 'not_in', 'zzz', value));
    expect(evaluate(notInFlag, listed, 'test')).toMatchObject({ variant: 'off', reason: 'default' });
    expect(evaluate(notInFlag, unlisted, 'test')).toMatchObject({ variant: 'on', reason: 'rule' });
  });

  it('compares ids and roles exactly (case-sensitive)', () => {
    expect(evaluate(withRule(cond('role', 'in', 'admin')), { role: 'Admin' }, 'test').variant).toBe('off');
    expect(evaluate(withRule(cond('userId', 'in', 'usr_a')), { userId: 'USR_A' }, 'test').variant).toBe(
      'off',
    );
  });

  it('compares email domains case-insensitively, without a leading @, on the part after the last @', () => {
    const flag = withRule(cond('emailDomain', 'in', '@Acme.COM'));
    expect(evaluate(flag, { email: 'Jane@ACME.com' }, 'test').variant).toBe('on');
    expect(evaluate(flag, { email: '"weird@x"@acme.com' }, 'test').variant).toBe('on');
    expect(evaluate(flag, { email: 'jane@sub.acme.com' }, 'test').variant).toBe('off');
    expect(evaluate(flag, { email: 'acme.com' }, 'test').variant).toBe('off');
    const lower = withRule(cond('emailDomain', 'not_in', 'acme.com'));
    expect(evaluate(lower, { email: 'jane@ACME.COM' }, 'test').variant).toBe('off');
  });

  it('never matches a condition on a missing attribute, not even not_in', () => {
    for (const attribute of ['userId', 'organizationId', 'role', 'emailDomain'] as const) {
      for (const context of [
        {},
        { userId: '', organizationId: '', role: '', email: '' },
        { email: 'no-at-sign' },
      ]) {
        expect(evaluate(withRule(cond(attribute, 'not_in', 'x')), context, 'test').variant).toBe('off');
        expect(evaluate(withRule(cond(attribute, 'in', 'x')), context, 'test').variant).toBe('off');
      }
    }
    expect(evaluate(withRule(cond('userId', 'not_in', 'x')), { userId: null }, 'test').variant).toBe('off');
  });
});

describe('evaluate: kill switch', () => {
  it('serves off to everyone on a boolean flag, over rules, rollout and defaults', () => {
    const input = booleanFlag({
      defaults: { development: 'on', test: 'on', production: 'on' },
      rules: [ruleOn('everyone-admin', cond('role', 'in', 'admin'))],
      rollout: { by: 'user', weights: { off: 0, on: 100 } },
    });
    const live = parse(input);
    expect(evaluate(live, { role: 'admin' }, 'production').reason).toBe('rule');
    expect(evaluate(live, { userId: 'u' }, 'production').reason).toBe('rollout');

    const killed = parse({ ...input, killSwitch: true });
    for (const context of [{ role: 'admin' }, { userId: 'u' }, {}]) {
      for (const env of ['development', 'test', 'production'] as const) {
        expect(evaluate(killed, context, env)).toEqual({
          variant: 'off',
          value: false,
          reason: 'kill_switch',
        });
      }
    }
  });

  it('serves the declared offVariant of a multivariate flag, not the environment default', () => {
    const flag = parse(
      multiFlag({
        killSwitch: true,
        defaults: { development: 'blue', test: 'blue', production: 'green' },
        rules: [{ id: 'r', conditions: [cond('role', 'in', 'admin')], variant: 'green' }],
        rollout: { by: 'organization', weights: { blue: 50, green: 50 } },
      }),
    );
    expect(evaluate(flag, { role: 'admin', organizationId: 'o' }, 'production')).toEqual({
      variant: 'control',
      value: '#000000',
      reason: 'kill_switch',
    });
  });
});

describe('evaluate: rollouts and missing context', () => {
  it('buckets a flag-level rollout by user id or organization id', () => {
    const byUser = parse(booleanFlag({ rollout: { by: 'user', weights: { off: 50, on: 50 } } }));
    const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
    for (const id of ids) {
      const expected = bucketOf(byUser.key, id) < 5000 ? 'off' : 'on';
      expect(evaluate(byUser, { userId: id, organizationId: 'constant' }, 'production')).toEqual({
        variant: expected,
        value: expected === 'on',
        reason: 'rollout',
        bucket: bucketOf(byUser.key, id),
      });
    }
    const byOrg = parse(booleanFlag({ rollout: { by: 'organization', weights: { off: 50, on: 50 } } }));
    const variants = new Set(
      ids.map((id) => evaluate(byOrg, { userId: 'constant', organizationId: id }, 'test').variant),
    );
    expect(variants).toEqual(new Set(['off', 'on']));
  });

  it('allots bucket ranges in variant declaration order, whatever the key order of weights', () => {
    const a = parse(multiFlag({ rollout: { by: 'user', weights: { control: 20, blue: 30, green: 50 } } }));
    const b = parse(multiFlag({ rollout: { by: 'user', weights: { green: 50, blue: 30, control: 20 } } }));
    for (let i = 0; i < 500; i++) {
      const bucket = bucketOf(a.key, `u${i}`);
      const expected = bucket < 2000 ? 'control' : bucket < 5000 ? 'blue' : 'green';
      expect(evaluate(a, { userId: `u${i}` }, 'test').variant).toBe(expected);
      expect(evaluate(b, { userId: `u${i}` }, 'test').variant).toBe(expected);
    }
  });

  it('keeps users who were on when a boolean rollout grows', () => {
    const at = (on: number) =>
      parse(booleanFlag({ rollout: { by: 'user', weights: { off: 100 - on, on } } }));
    const ids = Array.from({ length: 2000 }, (_, i) => `u${i}`);
    const onAt10 = ids.filter((id) => evaluate(at(10), { userId: id }, 'test').variant === 'on');
    expect(onAt10.length).toBeGreaterThan(100);
    for (const id of onAt10) expect(evaluate(at(25), { userId: id }, 'test').variant).toBe('on');
  });

  it('uses a rule rollout, reporting the rule id', () => {
    const flag = parse(
      booleanFlag({
        rules: [
          {
            id: 'acme-half',
            conditions: [cond('organizationId', 'in', 'org_acme')],
            rollout: { by: 'user', weights: { off: 0, on: 100 } },
          },
        ],
      }),
    );
    expect(evaluate(flag, { organizationId: 'org_acme', userId: 'u1' }, 'production')).toEqual({
      variant: 'on',
      value: true,
      reason: 'rollout',
      ruleId: 'acme-half',
      bucket: bucketOf(flag.key, 'u1'),
    });
  });

  it('skips a rollout whose id is missing: next rule, then flag rollout, then default as missing_context', () => {
    const flag = parse(
      multiFlag({
        rules: [
          {
            id: 'beta-users',
            conditions: [cond('emailDomain', 'in', 'acme.com')],
            rollout: { by: 'user', weights: { blue: 100 } },
          },
          { id: 'acme-org', conditions: [cond('organizationId', 'in', 'org_acme')], variant: 'green' },
        ],
        rollout: { by: 'organization', weights: { blue: 100 } },
        defaults: { development: 'control', test: 'control', production: 'control' },
      }),
    );
    // Rule 1 matches but has no user id → rule 2 decides.
    expect(evaluate(flag, { email: 'a@acme.com', organizationId: 'org_acme' }, 'test')).toMatchObject({
      variant: 'green',
      reason: 'rule',
      ruleId: 'acme-org',
    });
    // Rule 1 skipped, rule 2 does not match → the flag rollout by organization.
    expect(evaluate(flag, { email: 'a@acme.com', organizationId: 'org_x' }, 'test')).toMatchObject({
      variant: 'blue',
      reason: 'rollout',
    });
    expect(evaluate(flag, { email: 'a@acme.com', organizationId: 'org_x' }, 'test').ruleId).toBeUndefined();
    // Nothing can place an anonymous visitor → default, flagged as missing_context.
    expect(evaluate(flag, { email: 'a@acme.com' }, 'test')).toEqual({
      variant: 'control',
      value: '#000000',
      reason: 'missing_context',
    });
    expect(evaluate(flag, {}, 'test')).toMatchObject({ variant: 'control', reason: 'missing_context' });
  });

  it('reports default, not missing_context, when no rollout was skipped', () => {
    const flag = parse(booleanFlag({ rules: [ruleOn('r', cond('role', 'in', 'admin'))] }));
    expect(evaluate(flag, {}, 'production')).toEqual({ variant: 'off', value: false, reason: 'default' });
  });
});

describe('evaluateAll', () => {
  it('evaluates every flag, keyed by flag key', () => {
    const flags = [parse(booleanFlag()), parse(multiFlag())];
    expect(evaluateAll(flags, {}, 'development')).toEqual({
      'new-dashboard': { variant: 'on', value: true, reason: 'default' },
      'checkout.button-color': { variant: 'blue', value: '#0000ff', reason: 'default' },
    });
    expect(evaluateAll([], {}, 'test')).toEqual({});
  });

  it('refuses duplicate keys rather than silently dropping one', () => {
    expect(() => evaluateAll([parse(booleanFlag()), parse(booleanFlag())], {}, 'test')).toThrow(
      /duplicate flag key "new-dashboard"/,
    );
  });
});
