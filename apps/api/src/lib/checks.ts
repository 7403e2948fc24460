import type { ReadinessResponse } from '@repo/contracts';

export type Check = (signal: AbortSignal) => Promise<unknown>;
type CheckResult = ReadinessResponse['checks'][string];

/** Safe, short reason for a failed check: readiness is public, so no hosts, SQL or stacks. */
function reason(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
    if (typeof name === 'string' && /^[A-Za-z]{2,60}$/.test(name) && name !== 'Error') return name;
  }
  return 'unavailable';
}

/** Runs one check with a deadline; never throws. */
export async function runCheck(
  check: Check,
  timeoutMs: number,
  now = () => performance.now(),
): Promise<CheckResult> {
  const started = now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' }));
    }, timeoutMs);
  });
  try {
    await Promise.race([check(controller.signal), deadline]);
    return { status: 'ok', latencyMs: Math.round(now() - started) };
  } catch (error) {
    return { status: 'fail', latencyMs: Math.round(now() - started), error: reason(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs all checks in parallel; overall status is ok only if every check is. */
export async function runChecks(
  checks: Record<string, Check>,
  timeoutMs: number,
): Promise<ReadinessResponse> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
  );
  const results = Object.fromEntries(entries);
  const status = entries.every(([, r]) => r.status === 'ok') ? 'ok' : 'fail';
  return { status, checks: results };
}
