import type { Redis } from 'ioredis';

/**
 * What keeps one endpoint from hurting the others, shared by every worker process through
 * Redis: a cap on requests in flight to the endpoint (a lease per request, so a crashed worker's
 * slot frees itself), and a circuit breaker that stops calling an endpoint after a run of failed
 * attempts, lets one probe through when the pause is over, and closes on the first success.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

export interface EndpointLimitsOptions {
  redis: Redis;
  prefix: string;
  /** WEBHOOK_ENDPOINT_CONCURRENCY. */
  concurrency: number;
  /** How long a slot is held at most (the request timeout plus slack). */
  leaseMs: number;
  /** Failed attempts in a row that open the circuit. */
  failureThreshold?: number;
  /** First pause; doubles with each further failure, up to maxOpenMs. */
  baseOpenMs?: number;
  maxOpenMs?: number;
  now?: () => number;
}

export interface EndpointLimits {
  /** Milliseconds until the endpoint may be called again (0: now). Takes the probe when due. */
  blockedFor(endpointId: string, holder: string): Promise<number>;
  /** A slot for one request, or false when the endpoint is at its cap. */
  acquire(endpointId: string, holder: string): Promise<boolean>;
  release(endpointId: string, holder: string): Promise<void>;
  succeeded(endpointId: string): Promise<void>;
  failed(endpointId: string): Promise<void>;
}

export function createEndpointLimits(opts: EndpointLimitsOptions): EndpointLimits {
  const { redis, prefix } = opts;
  const threshold = opts.failureThreshold ?? 5;
  const baseOpenMs = opts.baseOpenMs ?? 30_000;
  const maxOpenMs = opts.maxOpenMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const key = (endpointId: string, part: string) => `${prefix}:webhooks:${endpointId}:${part}`;

  return {
    async blockedFor(endpointId, holder) {
      const replies = await redis
        .pipeline()
        .pttl(key(endpointId, 'open'))
        .get(key(endpointId, 'fails'))
        .exec();
      const open = Number(replies?.[0]?.[1] ?? -2);
      const fails = replies?.[1]?.[1] as string | null | undefined;
      if (open > 0) return open;
      if (Number(fails ?? 0) < threshold) return 0;
      // Half-open: exactly one request probes the endpoint; the others wait for its answer.
      const probe = await redis.set(key(endpointId, 'probe'), holder, 'PX', opts.leaseMs, 'NX');
      if (probe === 'OK') return 0;
      const current = await redis.get(key(endpointId, 'probe'));
      return current === holder ? 0 : 1_000;
    },
    async acquire(endpointId, holder) {
      const at = now();
      const got = await redis.eval(
        ACQUIRE,
        1,
        key(endpointId, 'inflight'),
        String(at),
        String(at + opts.leaseMs),
        String(opts.concurrency),
        holder,
        String(opts.leaseMs * 2),
      );
      return got === 1;
    },
    async release(endpointId, holder) {
      await redis.zrem(key(endpointId, 'inflight'), holder);
    },
    async succeeded(endpointId) {
      await redis.del(key(endpointId, 'fails'), key(endpointId, 'open'), key(endpointId, 'probe'));
    },
    async failed(endpointId) {
      const fails = await redis.incr(key(endpointId, 'fails'));
      await redis.pexpire(key(endpointId, 'fails'), 7 * 86_400_000);
      await redis.del(key(endpointId, 'probe'));
      if (fails >= threshold) {
        const pause = Math.min(baseOpenMs * 2 ** Math.min(fails - threshold, 10), maxOpenMs);
        await redis.set(key(endpointId, 'open'), '1', 'PX', pause);
      }
    },
  };
}
