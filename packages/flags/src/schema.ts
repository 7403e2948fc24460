import { z } from 'zod';

/**
 * Feature-flag definitions (D3, docs/flags.md). Everything an evaluation needs is in the definition,
 * so the API, the worker and the web app (server and browser) give the same answer for the same
 * flag and context. Parse definitions with `FlagDefinition` before evaluating them.
 */

export const Environments = ['development', 'test', 'production'] as const;
export type Environment = (typeof Environments)[number];

export const ConditionAttributes = ['userId', 'organizationId', 'role', 'emailDomain'] as const;
export type ConditionAttribute = (typeof ConditionAttributes)[number];

export const ConditionOperators = ['in', 'not_in'] as const;
export type ConditionOperator = (typeof ConditionOperators)[number];

export const FlagKinds = ['boolean', 'multivariate'] as const;
export type FlagKind = (typeof FlagKinds)[number];

/** The variants of every boolean flag, in this order; `off` is what the kill switch serves. */
export const BOOLEAN_VARIANTS = ['off', 'on'] as const;

export const MAX_VARIANTS = 10;
/** Percentages carry at most two decimals: weights are stored as basis points (1/100 of a percent). */
export const BASIS_POINTS = 10_000;

export const FLAG_KEY_MAX = 64;

/** `checkout.new-flow`, `beta-dashboard`: lowercase alphanumerics separated by single dots or dashes. */
export const FlagKey = z
  .string()
  .max(FLAG_KEY_MAX, `flag key must be at most ${FLAG_KEY_MAX} characters`)
  .regex(
    /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/,
    'flag key must be lowercase letters and digits separated by single dots or dashes',
  );

/** Variant names are also object keys (rollout weights), hence no leading underscore (`__proto__`). */
export const VariantName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,31}$/,
    'variant name must be 1-32 lowercase letters, digits, dashes or underscores, starting with a letter or digit',
  );

export const Variant = z.strictObject({
  name: VariantName,
  /** Any JSON value handed to callers with the variant (copy, a limit, a config object). */
  value: z.json().optional(),
});
export type Variant = z.infer<typeof Variant>;

export const Condition = z.strictObject({
  attribute: z.enum(ConditionAttributes),
  operator: z.enum(ConditionOperators),
  /** emailDomain values are compared case-insensitively and without a leading '@'. */
  values: z.array(z.string().min(1, 'condition values must not be empty')).min(1).max(10_000),
});
export type Condition = z.infer<typeof Condition>;

/** Percentage with at most two decimals, e.g. 33.33. */
const Percentage = z
  .number()
  .min(0, 'a weight must be between 0 and 100')
  .max(100, 'a weight must be between 0 and 100')
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'a weight has at most two decimals');

/** Percentage (0–100, two decimals) → basis points (0–10000). */
export function toBasisPoints(percentage: number): number {
  return Math.round(percentage * 100);
}

export const Rollout = z
  .strictObject({
    /** Which id is hashed: a user keeps their variant everywhere; an organization's members share one. */
    by: z.enum(['user', 'organization']),
    /** variant name → percentage; must sum to exactly 100. */
    weights: z.record(VariantName, Percentage),
  })
  .superRefine((rollout, ctx) => {
    const entries = Object.entries(rollout.weights);
    if (entries.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'a rollout needs at least one weight' });
      return;
    }
    const total = entries.reduce((sum, [, weight]) => sum + toBasisPoints(weight), 0);
    if (total !== BASIS_POINTS) {
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `rollout weights must sum to 100 (got ${total / 100})`,
      });
    }
  });
export type Rollout = z.infer<typeof Rollout>;

export const Rule = z
  .strictObject({
    id: z.string().min(1).max(64),
    description: z.string().max(500).optional(),
    /** All conditions must hold (AND). */
    conditions: z.array(Condition).min(1, 'a rule needs at least one condition'),
    /** Exactly one of `variant` and `rollout`. */
    variant: VariantName.optional(),
    rollout: Rollout.optional(),
  })
  .superRefine((rule, ctx) => {
    if ((rule.variant === undefined) === (rule.rollout === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'a rule has either a variant or a rollout, not both',
      });
    }
  });
export type Rule = z.infer<typeof Rule>;

export const FlagDefinition = z
  .strictObject({
    key: FlagKey,
    description: z.string().max(1000).default(''),
    kind: z.enum(FlagKinds),
    variants: z.array(Variant).min(2, 'a flag needs at least 2 variants').max(MAX_VARIANTS),
    /** Served by the kill switch. Boolean flags: always `off` (may be omitted). Multivariate: required. */
    offVariant: VariantName.optional(),
    /** Variant served when no rule matches and there is no flag-level rollout (or it cannot apply). */
    defaults: z.strictObject({
      development: VariantName,
      test: VariantName,
      production: VariantName,
    }),
    /** When on, everyone gets `offVariant` (`off` for boolean flags); rules and rollouts are ignored. */
    killSwitch: z.boolean().default(false),
    /** Tried in order; the first rule whose conditions all hold decides. */
    rules: z.array(Rule).max(100).default([]),
    /** Applied when no rule matched. */
    rollout: Rollout.optional(),
  })
  .superRefine((flag, ctx) => {
    const names = flag.variants.map((v) => v.name);
    const declared = new Set<string>();
    names.forEach((name, i) => {
      if (declared.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'name'],
          message: `duplicate variant "${name}"`,
        });
      }
      declared.add(name);
    });

    if (flag.kind === 'boolean') {
      if (names.length !== 2 || names[0] !== 'off' || names[1] !== 'on') {
        ctx.addIssue({
          code: 'custom',
          path: ['variants'],
          message: `a boolean flag has exactly the variants ["off", "on"] (got ${JSON.stringify(names)})`,
        });
      }
      flag.variants.forEach((v, i) => {
        if (v.value !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['variants', i, 'value'],
            message: 'boolean flag variants have no value (off is false, on is true)',
          });
        }
      });
      if (flag.offVariant !== undefined && flag.offVariant !== 'off') {
        ctx.addIssue({
          code: 'custom',
          path: ['offVariant'],
          message: 'the off variant of a boolean flag is "off"',
        });
      }
    } else if (flag.offVariant === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['offVariant'],
        message: 'a multivariate flag must declare offVariant (served by the kill switch)',
      });
    }

    const requireVariant = (name: string | undefined, path: (string | number)[]) => {
      if (name !== undefined && !declared.has(name)) {
        ctx.addIssue({ code: 'custom', path, message: `unknown variant "${name}"` });
      }
    };
    const requireRolloutVariants = (rollout: Rollout | undefined, path: (string | number)[]) => {
      for (const name of Object.keys(rollout?.weights ?? {}))
        requireVariant(name, [...path, 'weights', name]);
    };

    requireVariant(flag.offVariant, ['offVariant']);
    for (const env of Environments) requireVariant(flag.defaults[env], ['defaults', env]);
    requireRolloutVariants(flag.rollout, ['rollout']);
    const ruleIds = new Set<string>();
    flag.rules.forEach((rule, i) => {
      if (ruleIds.has(rule.id)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
      }
      ruleIds.add(rule.id);
      requireVariant(rule.variant, ['rules', i, 'variant']);
      requireRolloutVariants(rule.rollout, ['rules', i, 'rollout']);
    });
  });
/** A parsed (validated, defaults applied) flag definition. */
export type FlagDefinition = z.infer<typeof FlagDefinition>;
/** What an author or the admin API writes before parsing. */
export type FlagDefinitionInput = z.input<typeof FlagDefinition>;

export type JsonValue = z.infer<ReturnType<typeof z.json>>;
