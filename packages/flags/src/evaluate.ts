import { bucketOf } from './hash';
import {
  BOOLEAN_VARIANTS,
  type Condition,
  type ConditionAttribute,
  type Environment,
  Environments,
  type FlagDefinition,
  type JsonValue,
  type Rollout,
  toBasisPoints,
} from './schema';

/** Who is asking. Every field is optional: anonymous visitors have none. */
export interface EvaluationContext {
  userId?: string | null;
  organizationId?: string | null;
  /** Global role (`user`, `admin`), not an organization role. */
  role?: string | null;
  /** Only its domain is used, lowercased. */
  email?: string | null;
}

export type EvaluationReason = 'kill_switch' | 'rule' | 'rollout' | 'default' | 'missing_context';

export interface FlagEvaluation {
  variant: string;
  /** The variant's declared value; boolean flags: false (off) / true (on); otherwise null when undeclared. */
  value: JsonValue;
  reason: EvaluationReason;
  /** The rule that decided (reason `rule`, or `rollout` when the rollout was the rule's). */
  ruleId?: string;
  /** The id's bucket (0–9999) when a rollout decided. */
  bucket?: number;
}

/**
 * Evaluates one parsed flag (see `FlagDefinition`) for a context, in this order:
 * 1. kill switch on → the off variant (`off` for boolean flags, `offVariant` otherwise);
 * 2. rules in order; the first whose conditions all hold decides, with its variant or its rollout;
 * 3. the flag-level rollout;
 * 4. the environment's default.
 * A rollout whose id is missing from the context (anonymous user for a `user` rollout) is
 * skipped and evaluation continues with the next step; if the default is reached after such a
 * skip the reason is `missing_context` instead of `default`.
 */
export function evaluate(
  flag: FlagDefinition,
  context: EvaluationContext,
  environment: Environment,
): FlagEvaluation {
  if (!Environments.includes(environment)) throw new Error(`unknown environment "${String(environment)}"`);

  if (flag.killSwitch) return result(flag, offVariantOf(flag), 'kill_switch');

  let skippedForMissingId = false;
  for (const rule of flag.rules) {
    if (!rule.conditions.every((condition) => matches(condition, context))) continue;
    if (rule.variant !== undefined) return { ...result(flag, rule.variant, 'rule'), ruleId: rule.id };
    if (rule.rollout) {
      const placed = place(flag.key, rule.rollout, context, flag.variants);
      if (placed)
        return { ...result(flag, placed.variant, 'rollout'), ruleId: rule.id, bucket: placed.bucket };
      skippedForMissingId = true;
    }
  }

  if (flag.rollout) {
    const placed = place(flag.key, flag.rollout, context, flag.variants);
    if (placed) return { ...result(flag, placed.variant, 'rollout'), bucket: placed.bucket };
    skippedForMissingId = true;
  }

  return result(flag, flag.defaults[environment], skippedForMissingId ? 'missing_context' : 'default');
}

/** Evaluates every flag; the record is keyed by flag key. Flag keys must be unique. */
export function evaluateAll(
  flags: Iterable<FlagDefinition>,
  context: EvaluationContext,
  environment: Environment,
): Record<string, FlagEvaluation> {
  const results: Record<string, FlagEvaluation> = {};
  for (const flag of flags) {
    if (Object.hasOwn(results, flag.key)) throw new Error(`duplicate flag key "${flag.key}"`);
    results[flag.key] = evaluate(flag, context, environment);
  }
  return results;
}

export function offVariantOf(flag: FlagDefinition): string {
  return flag.kind === 'boolean' ? BOOLEAN_VARIANTS[0] : flag.offVariant!;
}

function result(flag: FlagDefinition, variant: string, reason: EvaluationReason): FlagEvaluation {
  const value =
    flag.kind === 'boolean'
      ? variant === 'on'
      : (flag.variants.find((v) => v.name === variant)?.value ?? null);
  return { variant, value, reason };
}

/** '' and null count as absent. */
function present(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}

function emailDomain(email: string | null | undefined): string | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  if (at < 0) return undefined;
  return present(
    email!
      .slice(at + 1)
      .trim()
      .toLowerCase(),
  );
}

function normalizeDomain(domain: string): string {
  return domain.trim().replace(/^@/, '').toLowerCase();
}

function attributeOf(context: EvaluationContext, attribute: ConditionAttribute): string | undefined {
  switch (attribute) {
    case 'userId':
      return present(context.userId);
    case 'organizationId':
      return present(context.organizationId);
    case 'role':
      return present(context.role);
    case 'emailDomain':
      return emailDomain(context.email);
  }
}

/**
 * A condition on an attribute the context lacks never holds, for `not_in` as well as `in`: a rule
 * "emailDomain not_in [competitor.com]" must not catch anonymous visitors.
 */
function matches(condition: Condition, context: EvaluationContext): boolean {
  const actual = attributeOf(context, condition.attribute);
  if (actual === undefined) return false;
  const listed =
    condition.attribute === 'emailDomain'
      ? condition.values.some((v) => normalizeDomain(v) === actual)
      : condition.values.includes(actual);
  return condition.operator === 'in' ? listed : !listed;
}

/**
 * Places the context's id in the rollout: ranges of buckets are allotted to variants in their
 * declaration order (so JSON key order, which PostgreSQL jsonb does not keep, never matters).
 * Returns undefined when the id the rollout is keyed by is missing.
 */
function place(
  flagKey: string,
  rollout: Rollout,
  context: EvaluationContext,
  variants: FlagDefinition['variants'],
): { variant: string; bucket: number } | undefined {
  const id = present(rollout.by === 'user' ? context.userId : context.organizationId);
  if (id === undefined) return undefined;
  const bucket = bucketOf(flagKey, id);
  let upper = 0;
  let last: string | undefined;
  for (const { name } of variants) {
    if (!Object.hasOwn(rollout.weights, name)) continue;
    upper += toBasisPoints(rollout.weights[name]!);
    last = name;
    if (bucket < upper) return { variant: name, bucket };
  }
  // Unreachable for a parsed flag (weights sum to 10000 and name declared variants).
  if (last === undefined) throw new Error(`rollout of flag "${flagKey}" has no weights`);
  return { variant: last, bucket };
}
