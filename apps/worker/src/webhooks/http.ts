import { UrlRefusedError } from '@repo/webhooks';
import { type Dispatcher, errors, request } from 'undici';

/** Bytes of a response body kept in the delivery log. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

export interface AttemptResult {
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
  /** Set when no HTTP answer came: timeout, refused address, connection failure. */
  error: string | null;
  durationMs: number;
}

/** Reads at most `limit` bytes, then stops the download; cut at a character boundary. */
async function readCapped(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    size += buf.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  const all = Buffer.concat(chunks).subarray(0, limit);
  // A multi-byte character cut in half decodes as U+FFFD: drop it rather than store garbage.
  return all.toString('utf8').replace(/\uFFFD+$/, '');
}

function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof UrlRefusedError) return `refused: ${error.detail}`;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof UrlRefusedError) return `refused: ${cause.detail}`;
  if (
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    (error as Error)?.name === 'TimeoutError' ||
    (error as Error)?.name === 'AbortError'
  ) {
    return `timeout: no complete answer within ${timeoutMs / 1000} s`;
  }
  if (error instanceof errors.ConnectTimeoutError) return 'timeout: could not connect';
  const code = (error as { code?: string })?.code ?? (cause as { code?: string })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}

/**
 * One POST through the guarded dispatcher. Redirects are never followed (undici's `request`
 * does not); the whole exchange, body included, must finish within `timeoutMs`.
 */
export async function postOnce(
  url: string,
  init: { headers: Record<string, string>; body: string; dispatcher: Dispatcher; timeoutMs: number },
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await request(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      dispatcher: init.dispatcher,
      signal: AbortSignal.timeout(init.timeoutMs),
      headersTimeout: init.timeoutMs,
      bodyTimeout: init.timeoutMs,
    });
    const body = await readCapped(res.body, RESPONSE_BODY_LIMIT);
    return {
      status: res.statusCode,
      headers: flatHeaders(res.headers),
      body,
      error: null,
      durationMs: elapsed(),
    };
  } catch (error) {
    return {
      status: null,
      headers: null,
      body: null,
      error: describe(error, init.timeoutMs),
      durationMs: elapsed(),
    };
  }
}
