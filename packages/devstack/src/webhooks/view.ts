import { verifySignature } from '@repo/webhooks';
import type { CaughtRequest } from './store';

export type SignatureVerdict = 'valid' | 'invalid' | 'unknown';

/** A caught request as the inbox page and the JSON API show it. */
export interface DeliveryView extends CaughtRequest {
  /** The body's `type` when it is a JSON event, else null. */
  eventType: string | null;
  webhookId: string | null;
  /**
   * `unknown` when no secret is registered for the path (nothing was checked), `invalid` when a
   * secret is known but no registered secret matches, or the signature headers are missing.
   */
  signature: SignatureVerdict;
}

export function eventTypeOf(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { type?: unknown }).type === 'string') {
      return (parsed as { type: string }).type;
    }
  } catch {
    // Not JSON: not an event body.
  }
  return null;
}

/**
 * Verifies with every secret registered for the path, at read time: a secret registered after a
 * delivery arrived still judges it. The timestamp's age is not judged (old deliveries stay
 * valid in the inbox); a real receiver must also reject stale timestamps.
 */
export function signatureVerdict(request: CaughtRequest, secrets: readonly string[]): SignatureVerdict {
  if (secrets.length === 0) return 'unknown';
  const id = request.headers['webhook-id'];
  const timestamp = Number(request.headers['webhook-timestamp']);
  const header = request.headers['webhook-signature'];
  if (!id || !header || !Number.isInteger(timestamp)) return 'invalid';
  const message = { id, timestamp, body: request.body };
  return secrets.some((secret) => verifySignature(secret, message, header)) ? 'valid' : 'invalid';
}

export function toView(request: CaughtRequest, secrets: readonly string[]): DeliveryView {
  return {
    ...request,
    eventType: eventTypeOf(request.body),
    webhookId: request.headers['webhook-id'] ?? null,
    signature: signatureVerdict(request, secrets),
  };
}

/**
 * The status a request asks the receiver to answer with: `?status=500` (any 200–599) simulates
 * a failing endpoint; otherwise 204.
 */
export function simulatedStatus(query: URLSearchParams): number {
  const asked = Number(query.get('status'));
  return Number.isInteger(asked) && asked >= 200 && asked <= 599 ? asked : 204;
}
