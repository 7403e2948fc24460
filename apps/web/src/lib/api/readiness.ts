import 'server-only';
import { ReadinessResponse } from '@repo/contracts';
import { serverEnv } from '@/env';

export type ReadinessResult =
  | { reachable: true; checkedAt: Date; body: ReadinessResponse }
  | { reachable: false; checkedAt: Date; reason: string };

/**
 * Asks the API's /readyz directly (server to server, never cached). The API answers 200 or 503
 * with the same body; anything else, a timeout or a body that is not a readiness report counts
 * as unreachable.
 */
export async function fetchReadiness(timeoutMs = 3000): Promise<ReadinessResult> {
  const checkedAt = new Date();
  try {
    const res = await fetch(`${serverEnv().API_URL}/readyz`, {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const parsed = ReadinessResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      return { reachable: false, checkedAt, reason: `unexpected response (${res.status})` };
    return { reachable: true, checkedAt, body: parsed.data };
  } catch (error) {
    return { reachable: false, checkedAt, reason: error instanceof Error ? error.message : 'request failed' };
  }
}
