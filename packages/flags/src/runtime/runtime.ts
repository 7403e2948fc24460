import { type EvaluationContext, evaluate, evaluateAll, type FlagEvaluation } from '../evaluate';
import { FlagSet } from '../flag-set';
import type { Environment } from '../schema';

/** The pino-compatible subset the runtime logs through. */
export interface FlagLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A live subscription to change notifications (Redis pub/sub in production, a fake in tests). */
export interface FlagSubscription {
  /** Resolves once messages are being received (never rejects). */
  ready?: Promise<void>;
  close(): Promise<void>;
}

export interface FlagRuntimeOptions {
  /** Every stored definition (validated here, as a whole, by `FlagSet.replace`). */
  load: () => Promise<readonly unknown[]>;
  /**
   * Starts listening: `onChange` on every change message (a flag key or `*`), `onReconnect` when
   * the channel comes back after an outage (messages may have been missed meanwhile).
   */
  subscribe?: (handlers: {
    onChange: (message: string) => void;
    onReconnect: () => void;
  }) => FlagSubscription;
  environment: Environment;
  logger?: FlagLogger;
  /** How long `start` waits for the subscription before loading anyway (Redis down). Default 1 s. */
  subscribeTimeoutMs?: number;
  /** Messages arriving within this window cause one reload. Default 20 ms. */
  debounceMs?: number;
  /** Safety-net reload even without messages. Default 30 s; 0 turns it off. */
  pollMs?: number;
  /** Called after every successful load (the first one included). */
  onLoad?: (flags: FlagSet) => void;
}

export interface FlagRuntime {
  /** The current definitions; replaced atomically on every successful reload. */
  readonly flags: FlagSet;
  readonly environment: Environment;
  /** Loads once (never throws: a failure is logged and the set stays empty), then subscribes and polls. Idempotent. */
  start(): Promise<void>;
  /** Reloads now; false (and the previous set kept) when loading or validating failed. */
  reload(): Promise<boolean>;
  /** Debounced reload, as on a pub/sub message. */
  requestReload(): void;
  evaluate(key: string, context: EvaluationContext): FlagEvaluation | undefined;
  evaluateAll(context: EvaluationContext): Record<string, FlagEvaluation>;
  /** Resolves when no reload is scheduled or running (tests). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** NODE_ENV → the flag environment: `production` and `test` as such, anything else `development`. */
export function environmentOf(nodeEnv: string | undefined): Environment {
  return nodeEnv === 'production' || nodeEnv === 'test' ? nodeEnv : 'development';
}

/**
 * One process's feature flags: loaded at start, reloaded (debounced) on every change message and
 * every `pollMs` as a safety net. A reload that fails — database down, an invalid row — keeps the
 * last known set; the failure is logged once per outage, and the recovery once.
 */
export function createFlagRuntime(opts: FlagRuntimeOptions): FlagRuntime {
  const { logger } = opts;
  const debounceMs = opts.debounceMs ?? 20;
  const pollMs = opts.pollMs ?? 30_000;
  const flags = new FlagSet();
  let starting: Promise<void> | undefined;
  let subscription: FlagSubscription | undefined;
  let poller: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let again = false;
  let failing = false;
  let closed = false;
  const idle: Array<() => void> = [];

  const reload = async (): Promise<boolean> => {
    try {
      const rows = await opts.load();
      flags.replace(rows);
      opts.onLoad?.(flags);
      if (failing) logger?.info({ flags: flags.size }, 'feature flags reloaded again');
      failing = false;
      return true;
    } catch (error) {
      if (!failing) logger?.warn({ err: error }, 'loading feature flags failed; keeping the last known set');
      failing = true;
      return false;
    }
  };

  const notifyIdle = () => {
    if (timer || running) return;
    for (const resolve of idle.splice(0)) resolve();
  };

  // One reload at a time; a request arriving during a reload runs another one after it, since
  // the running one may have read the database before the change was committed.
  const run = async () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    do {
      again = false;
      running = reload();
      await running;
      running = undefined;
    } while (again && !closed);
    notifyIdle();
  };

  const requestReload = () => {
    if (closed || timer) return;
    timer = setTimeout(() => void run(), debounceMs);
    timer.unref?.();
  };

  return {
    flags,
    environment: opts.environment,
    reload,
    requestReload,

    start() {
      starting ??= (async () => {
        // Subscribe first, then load: a change published in between is then either in the load
        // or announced to us. If the subscription is late (Redis down), load anyway and reload
        // once it is up, for what was published meanwhile.
        subscription = opts.subscribe?.({ onChange: requestReload, onReconnect: requestReload });
        if (subscription?.ready) {
          let subscribed = false;
          const ready = subscription.ready.then(() => {
            subscribed = true;
          });
          let wait: NodeJS.Timeout | undefined;
          await Promise.race([
            ready,
            new Promise<void>((resolve) => {
              wait = setTimeout(resolve, opts.subscribeTimeoutMs ?? 1_000);
            }),
          ]);
          clearTimeout(wait);
          if (!subscribed) void ready.then(requestReload);
        }
        await reload();
        if (closed) return;
        if (pollMs > 0) {
          poller = setInterval(requestReload, pollMs);
          poller.unref?.();
        }
      })();
      return starting;
    },

    evaluate(key, context) {
      const flag = flags.get(key);
      return flag ? evaluate(flag, context, opts.environment) : undefined;
    },

    evaluateAll(context) {
      return evaluateAll(flags.all(), context, opts.environment);
    },

    settled() {
      if (!timer && !running) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },

    async close() {
      closed = true;
      if (poller) clearInterval(poller);
      if (timer) clearTimeout(timer);
      timer = undefined;
      const sub = subscription;
      subscription = undefined;
      await sub?.close();
      await running;
      notifyIdle();
    },
  };
}
