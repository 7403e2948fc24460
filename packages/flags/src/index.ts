export {
  type EvaluationContext,
  type EvaluationReason,
  evaluate,
  evaluateAll,
  type FlagEvaluation,
  offVariantOf,
} from './evaluate';
export { FlagSet } from './flag-set';
export { bucketOf, murmur3 } from './hash';
export {
  BASIS_POINTS,
  BOOLEAN_VARIANTS,
  Condition,
  type ConditionAttribute,
  ConditionAttributes,
  type ConditionOperator,
  ConditionOperators,
  type Environment,
  Environments,
  FlagDefinition,
  type FlagDefinitionInput,
  FlagKey,
  type FlagKind,
  FlagKinds,
  type JsonValue,
  MAX_VARIANTS,
  Rollout,
  Rule,
  toBasisPoints,
  Variant,
  VariantName,
} from './schema';
