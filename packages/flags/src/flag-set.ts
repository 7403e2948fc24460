import { FlagDefinition } from './schema';

/**
 * The current flag definitions of one process, held in memory. `replace` validates every
 * definition first and then swaps the whole set in one assignment: readers see the old set or the
 * new one, never a mix, and an invalid batch leaves the old set in place. Reloading it (from the
 * database, on a Redis pub/sub message) is the caller's job.
 */
export class FlagSet {
  #flags: ReadonlyMap<string, FlagDefinition> = new Map();

  constructor(flags: readonly unknown[] = []) {
    this.replace(flags);
  }

  /** Throws (a ZodError, or an Error on a duplicate key) without changing the set. */
  replace(flags: readonly unknown[]): void {
    const next = new Map<string, FlagDefinition>();
    for (const input of flags) {
      const flag = deepFreeze(FlagDefinition.parse(input));
      if (next.has(flag.key)) throw new Error(`duplicate flag key "${flag.key}"`);
      next.set(flag.key, flag);
    }
    this.#flags = next;
  }

  get(key: string): FlagDefinition | undefined {
    return this.#flags.get(key);
  }

  /** Every definition, e.g. for `evaluateAll(set.all(), context, environment)`. */
  all(): FlagDefinition[] {
    return [...this.#flags.values()];
  }

  get size(): number {
    return this.#flags.size;
  }
}

/** Definitions are shared by every caller: freeze them so one caller cannot change another's flags. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
