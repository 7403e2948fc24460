import { sleep } from '../process';

/**
 * Polls `url` until `accept(status)`; rejects after `timeoutMs` or as soon as `gaveUp` settles
 * (the process that should answer has exited).
 */
export async function waitForHttp(opts: {
  url: string;
  timeoutMs: number;
  accept?: (status: number) => boolean;
  gaveUp: Promise<unknown>;
}): Promise<void> {
  const accept = opts.accept ?? ((status) => status === 200);
  let aborted = false;
  const abort = opts.gaveUp.then(() => {
    aborted = true;
    throw new Error(`exited before ${opts.url} answered`);
  });
  abort.catch(() => {}); // only meaningful while polling; must not become an unhandled rejection later
  const poll = (async () => {
    const deadline = Date.now() + opts.timeoutMs;
    let last = 'no answer';
    while (!aborted) {
      try {
        const res = await fetch(opts.url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
        await res.body?.cancel();
        if (accept(res.status)) return;
        last = `HTTP ${res.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() > deadline)
        throw new Error(`${opts.url} did not become ready within ${opts.timeoutMs / 1000} s (${last})`);
      await sleep(250);
    }
  })();
  await Promise.race([poll, abort]);
}
