import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks v1 signatures (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` keyed with the secret's bytes, sent as `v1,<base64>`. Several
 * signatures are space-separated; we send two while a rotated secret overlaps the new one.
 */
const PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new endpoint secret: `whsec_` + 32 random bytes in base64. */
export function generateSecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

export function isSecret(value: string): boolean {
  if (!value.startsWith(PREFIX)) return false;
  const key = Buffer.from(value.slice(PREFIX.length), 'base64');
  return key.length >= 24 && key.length <= 64;
}

function keyOf(secret: string): Buffer {
  if (!isSecret(secret)) throw new TypeError('Not a whsec_ webhook secret');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

export interface SignedMessage {
  /** Unique per message, the same on every attempt: receivers deduplicate on it. */
  id: string;
  /** Seconds since the epoch at the attempt (receivers reject stale ones). */
  timestamp: number;
  body: string;
}

/** `v1,<base64>` for one secret. */
export function sign(secret: string, message: SignedMessage): string {
  const mac = createHmac('sha256', keyOf(secret))
    .update(`${message.id}.${message.timestamp}.${message.body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** The three headers of one delivery attempt; every secret given signs it. */
export function signatureHeaders(
  secrets: readonly string[],
  message: SignedMessage,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  if (secrets.length === 0) throw new TypeError('At least one secret is needed to sign');
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': secrets.map((s) => sign(s, message)).join(' '),
  };
}

/**
 * Checks a `webhook-signature` header against one secret (used by the dev stack's receiver to
 * show whether a delivery verifies). Constant-time per candidate.
 */
export function verifySignature(secret: string, message: SignedMessage, header: string): boolean {
  const expected = Buffer.from(sign(secret, message));
  return header.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
