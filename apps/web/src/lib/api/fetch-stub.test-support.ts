import { afterEach, beforeEach, vi } from 'vitest';

/** One request the browser client made: where, how, and its JSON body. */
export type Call = { url: string; method: string; body: unknown };

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Replaces `fetch` for every test of the file: each call is recorded in `calls`, and answered by
 * `answer()` (reset to `defaultAnswer` before each test; a test sets its own). Test-only.
 */
export function stubFetch(defaultAnswer: () => Response) {
  const stub: { calls: Call[]; answer: () => Response } = { calls: [], answer: defaultAnswer };
  beforeEach(() => {
    stub.calls = [];
    stub.answer = defaultAnswer;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      stub.calls.push({
        url,
        method: String(init.method),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      return stub.answer();
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  return stub;
}
