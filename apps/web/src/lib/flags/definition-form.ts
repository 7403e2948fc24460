import {
  BOOLEAN_VARIANTS,
  type ConditionAttribute,
  ConditionAttributes,
  type ConditionOperator,
  ConditionOperators,
  Environments,
  FLAG_KEY_MAX,
  FlagKey,
  type FlagKind,
} from '@repo/flags/schema';

/**
 * The flag editor's form state and its conversion to and from a `FlagDefinition`
 * (packages/flags/README.md). The vocabulary (environments, attributes, operators, the key rule)
 * comes from the schema itself (`@repo/flags/schema`, zod only); the API validates every write
 * with the whole schema and answers 400 `validation_failed` with the path of each problem, which
 * the editor shows next to the field.
 */

export const FLAG_ENVIRONMENTS = Environments;
export type FlagEnvironment = (typeof FLAG_ENVIRONMENTS)[number];
export const CONDITION_ATTRIBUTES = ConditionAttributes;
export type { ConditionAttribute, ConditionOperator, FlagKind };
export const CONDITION_OPERATORS = ConditionOperators;
export type RolloutBy = 'user' | 'organization';
export const BOOLEAN_VARIANT_NAMES = BOOLEAN_VARIANTS;
export { FLAG_KEY_MAX };

export const isValidFlagKey = (key: string) => FlagKey.safeParse(key).success;

export type VariantDraft = { name: string; value: string };
export type ConditionDraft = { attribute: ConditionAttribute; operator: ConditionOperator; values: string };
/** Percentages as typed, per variant name ('' = no share). */
export type RolloutDraft = { by: RolloutBy; weights: Record<string, string> };
export type RuleDraft = {
  /** Stable React key while the rule's own id is being edited or the rule moves. */
  uid: string;
  id: string;
  description: string;
  conditions: ConditionDraft[];
  serve: 'variant' | 'rollout';
  variant: string;
  rollout: RolloutDraft;
};
export type FlagDraft = {
  key: string;
  description: string;
  kind: FlagKind;
  variants: VariantDraft[];
  offVariant: string;
  defaults: Record<FlagEnvironment, string>;
  killSwitch: boolean;
  rules: RuleDraft[];
  rolloutEnabled: boolean;
  rollout: RolloutDraft;
};

/** What the API accepts as a body (the `FlagDefinition` input shape). */
export type FlagDefinitionBody = {
  key: string;
  description: string;
  kind: FlagKind;
  variants: { name: string; value?: unknown }[];
  offVariant?: string;
  defaults: Record<FlagEnvironment, string>;
  killSwitch: boolean;
  rules: {
    id: string;
    description?: string;
    conditions: { attribute: string; operator: string; values: string[] }[];
    variant?: string;
    rollout?: { by: RolloutBy; weights: Record<string, number> };
  }[];
  rollout?: { by: RolloutBy; weights: Record<string, number> };
};

let uidSeq = 0;
const nextUid = () => `rule-draft-${++uidSeq}`;

const booleanVariants = (): VariantDraft[] => BOOLEAN_VARIANT_NAMES.map((name) => ({ name, value: '' }));

export function emptyRollout(): RolloutDraft {
  return { by: 'user', weights: {} };
}

export function emptyCondition(): ConditionDraft {
  return { attribute: 'userId', operator: 'in', values: '' };
}

/** A new rule with an id no other rule of the flag has (`rule-1`, `rule-2`…). */
export function newRule(existing: readonly { id: string }[], variant: string): RuleDraft {
  const taken = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return {
    uid: nextUid(),
    id: `rule-${n}`,
    description: '',
    conditions: [emptyCondition()],
    serve: 'variant',
    variant,
    rollout: emptyRollout(),
  };
}

/** A new boolean flag: off everywhere, no rules. */
export function newFlagDraft(): FlagDraft {
  return {
    key: '',
    description: '',
    kind: 'boolean',
    variants: booleanVariants(),
    offVariant: 'off',
    defaults: { development: 'off', test: 'off', production: 'off' },
    killSwitch: false,
    rules: [],
    rolloutEnabled: false,
    rollout: emptyRollout(),
  };
}

/**
 * Switching the kind: boolean flags have exactly off/on; a multivariate flag starts from them
 * (renamable), so defaults and rules keep pointing at declared variants.
 */
export function withKind(draft: FlagDraft, kind: FlagKind): FlagDraft {
  if (kind === draft.kind) return draft;
  if (kind === 'multivariate') return { ...draft, kind, offVariant: draft.offVariant || 'off' };
  return { ...draft, kind, variants: booleanVariants(), offVariant: 'off' };
}

/**
 * Variant values are "JSON-ish": valid JSON is kept as JSON (`42`, `true`, `{"a":1}`), anything
 * else is a string, and an empty field means no value.
 */
export function parseVariantValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

/** The inverse of parseVariantValue: a string that would not read back as itself is quoted. */
export function formatVariantValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string' && parseVariantValue(value) === value) return value;
  return JSON.stringify(value);
}

/** "a, b" or one per line → ['a', 'b'] (blanks dropped). */
export function splitValues(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** '12.5' → 12.5; blank → undefined; junk → NaN (the API then names the bad weight). */
function parseWeight(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? undefined : Number(trimmed);
}

function rolloutBody(draft: RolloutDraft, variants: readonly string[]) {
  const weights: Record<string, number> = {};
  for (const name of variants) {
    const weight = parseWeight(draft.weights[name] ?? '');
    if (weight !== undefined) weights[name] = weight;
  }
  return { by: draft.by, weights };
}

/** Sum of the typed percentages, in basis points (exact with two decimals), NaN when one is junk. */
export function rolloutTotal(draft: RolloutDraft, variants: readonly string[]): number {
  let total = 0;
  for (const name of variants) {
    const weight = parseWeight(draft.weights[name] ?? '');
    if (weight !== undefined) total += Math.round(weight * 100);
  }
  return total / 100;
}

/** Form state → the body for POST/PUT. Not validated here: the API answers with precise paths. */
export function definitionFromDraft(draft: FlagDraft): FlagDefinitionBody {
  const variantNames = draft.variants.map((v) => v.name.trim());
  const variants =
    draft.kind === 'boolean'
      ? BOOLEAN_VARIANT_NAMES.map((name) => ({ name }))
      : draft.variants.map((v, i) => {
          const value = parseVariantValue(v.value);
          return value === undefined
            ? { name: variantNames[i] ?? '' }
            : { name: variantNames[i] ?? '', value };
        });
  const names = draft.kind === 'boolean' ? [...BOOLEAN_VARIANT_NAMES] : variantNames;
  const body: FlagDefinitionBody = {
    key: draft.key.trim(),
    description: draft.description.trim(),
    kind: draft.kind,
    variants,
    ...(draft.kind === 'multivariate' ? { offVariant: draft.offVariant } : {}),
    defaults: { ...draft.defaults },
    killSwitch: draft.killSwitch,
    rules: draft.rules.map((rule) => ({
      id: rule.id.trim(),
      ...(rule.description.trim() ? { description: rule.description.trim() } : {}),
      conditions: rule.conditions.map((c) => ({
        attribute: c.attribute,
        operator: c.operator,
        values: splitValues(c.values),
      })),
      ...(rule.serve === 'variant'
        ? { variant: rule.variant }
        : { rollout: rolloutBody(rule.rollout, names) }),
    })),
  };
  if (draft.rolloutEnabled) body.rollout = rolloutBody(draft.rollout, names);
  return body;
}

// ── Reading a stored definition (the API hands it over as an opaque JSON object) ──────────────

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(v as T) ? (v as T) : fallback;

function rolloutDraft(raw: unknown): RolloutDraft {
  if (!isRecord(raw)) return emptyRollout();
  const weights: Record<string, string> = {};
  if (isRecord(raw.weights))
    for (const [name, weight] of Object.entries(raw.weights))
      if (typeof weight === 'number') weights[name] = String(weight);
  return { by: oneOf(raw.by, ['user', 'organization'] as const, 'user'), weights };
}

/** A stored definition → form state (every stored definition passed the API's schema). */
export function draftFromDefinition(definition: Record<string, unknown>): FlagDraft {
  const kind = oneOf(definition.kind, ['boolean', 'multivariate'] as const, 'boolean');
  const variants =
    kind === 'boolean'
      ? booleanVariants()
      : (Array.isArray(definition.variants) ? definition.variants : []).filter(isRecord).map((v) => ({
          name: str(v.name),
          value: formatVariantValue(v.value),
        }));
  const defaults = isRecord(definition.defaults) ? definition.defaults : {};
  const rules = (Array.isArray(definition.rules) ? definition.rules : []).filter(isRecord).map(
    (rule): RuleDraft => ({
      uid: nextUid(),
      id: str(rule.id),
      description: str(rule.description),
      conditions: (Array.isArray(rule.conditions) ? rule.conditions : []).filter(isRecord).map((c) => ({
        attribute: oneOf(c.attribute, CONDITION_ATTRIBUTES, 'userId'),
        operator: oneOf(c.operator, CONDITION_OPERATORS, 'in'),
        values: (Array.isArray(c.values) ? c.values : []).map((v) => str(v)).join(', '),
      })),
      serve: rule.rollout === undefined ? 'variant' : 'rollout',
      variant: str(rule.variant, variants[0]?.name ?? ''),
      rollout: rolloutDraft(rule.rollout),
    }),
  );
  return {
    key: str(definition.key),
    description: str(definition.description),
    kind,
    variants,
    offVariant: kind === 'boolean' ? 'off' : str(definition.offVariant, variants[0]?.name ?? ''),
    defaults: {
      development: str(defaults.development, 'off'),
      test: str(defaults.test, 'off'),
      production: str(defaults.production, 'off'),
    },
    killSwitch: definition.killSwitch === true,
    rules,
    rolloutEnabled: definition.rollout !== undefined,
    rollout: rolloutDraft(definition.rollout),
  };
}

/** Moves the item at `from` one place up (-1) or down (+1); out of range is a no-op. */
export function move<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[from], next[to]] = [next[to] as T, next[from] as T];
  return next;
}

/** One line of the flags list: what an admin scans for. */
export type FlagSummary = {
  key: string;
  description: string;
  kind: FlagKind;
  killed: boolean;
  defaultVariant: string | null;
  ruleCount: number;
  /** The flag-level rollout as `variant → percent`, null without one. */
  rollout: Record<string, number> | null;
};

export function summarize(
  definition: Record<string, unknown>,
  environment: FlagEnvironment | null,
): FlagSummary {
  const draft = draftFromDefinition(definition);
  const names = draft.kind === 'boolean' ? [...BOOLEAN_VARIANT_NAMES] : draft.variants.map((v) => v.name);
  // In declaration order, like the buckets (PostgreSQL jsonb does not keep the key order of weights).
  const weights = draft.rolloutEnabled ? rolloutBody(draft.rollout, names).weights : null;
  return {
    key: draft.key,
    description: draft.description,
    kind: draft.kind,
    killed: draft.killSwitch,
    defaultVariant: environment ? draft.defaults[environment] : null,
    ruleCount: draft.rules.length,
    rollout: weights,
  };
}

/**
 * Where an API issue path shows in the editor: on its own field (`rules.0.conditions.1.values`,
 * `defaults.test`), except that a rollout's problems (`rollout.weights`, `rollout.weights.beta`)
 * show once under its weights.
 */
export function issueAnchor(path: string): string {
  const parts = path.split('.').filter(Boolean);
  const weights = parts.indexOf('weights');
  return (weights === -1 ? parts : parts.slice(0, weights + 1)).join('.');
}
