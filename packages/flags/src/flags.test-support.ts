import { FlagDefinition, type FlagDefinitionInput } from './schema';

/** A valid boolean flag; override any field. */
export function booleanFlag(overrides: Partial<FlagDefinitionInput> = {}): FlagDefinitionInput {
  return {
    key: 'new-dashboard',
    kind: 'boolean',
    variants: [{ name: 'off' }, { name: 'on' }],
    defaults: { development: 'on', test: 'off', production: 'off' },
    ...overrides,
  };
}

/** A valid multivariate flag; override any field. */
export function multiFlag(overrides: Partial<FlagDefinitionInput> = {}): FlagDefinitionInput {
  return {
    key: 'checkout.button-color',
    kind: 'multivariate',
    variants: [
      { name: 'control', value: '#000000' },
      { name: 'blue', value: '#0000ff' },
      { name: 'green', value: { hex: '#00ff00', label: 'Green' } },
    ],
    offVariant: 'control',
    defaults: { development: 'blue', test: 'control', production: 'control' },
    ...overrides,
  };
}

export function parse(input: FlagDefinitionInput): FlagDefinition {
  return FlagDefinition.parse(input);
}

/** Flags and ids evaluated both in the test process and in a child process (stability.test.ts). */
export const STABILITY_FLAGS: FlagDefinitionInput[] = [
  booleanFlag({ key: 'stability.ten-percent', rollout: { by: 'user', weights: { off: 90, on: 10 } } }),
  multiFlag({
    key: 'stability.three-way',
    rollout: { by: 'organization', weights: { control: 33.33, blue: 33.33, green: 33.34 } },
  }),
];

export function stabilityIds(): string[] {
  const ids = Array.from({ length: 990 }, (_, i) => `usr_${i.toString(36).padStart(6, '0')}`);
  // Non-ASCII ids exercise the UTF-8 encoding.
  ids.push(
    'ünïcødé',
    'ユーザー',
    'π',
    '😀-emoji',
    'a'.repeat(300),
    ' spaced id ',
    'UPPER',
    'a:b:c',
    '0',
    '-1',
  );
  return ids;
}
