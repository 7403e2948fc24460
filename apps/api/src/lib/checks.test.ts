import { describe, expect, it } from 'vitest';
import { runCheck, runChecks } from './checks';

describe('runCheck', () => {
  it('reports ok with a latency', async () => {
    const result = await runCheck(async () => 'PONG', 1_000);
    expect(result.status).toBe('ok');
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fails a check that never answers at its deadline and aborts it', async () => {
    let aborted = false;
    const result = await runCheck(
      (signal) =>
        new Promise(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
      20,
    );
    expect(result).toMatchObject({ status: 'fail', error: 'TIMEOUT' });
    expect(aborted).toBe(true);
  });

  it('reports a short code, never the message', async () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432 password=hunter2'), {
      code: 'ECONNREFUSED',
    });
    const result = await runCheck(async () => Promise.reject(error), 1_000);
    expect(result.error).toBe('ECONNREFUSED');
    expect((await runCheck(async () => Promise.reject(new Error('secret')), 1_000)).error).toBe(
      'unavailable',
    );
  });
});

describe('runChecks', () => {
  it('is ok only when every check is ok', async () => {
    const ok = async () => 1;
    const bad = async () => Promise.reject(new Error('x'));
    expect((await runChecks({ a: ok, b: ok }, 100)).status).toBe('ok');
    const mixed = await runChecks({ a: ok, b: bad }, 100);
    expect(mixed.status).toBe('fail');
    expect(mixed.checks.a?.status).toBe('ok');
    expect(mixed.checks.b?.status).toBe('fail');
  });
});
