import { hkdfSync } from 'node:crypto';
import { keyFromBase64, open, seal } from '@repo/crypto';

/**
 * Endpoint signing secrets at rest: sealed (AES-256-GCM) under a key derived from the
 * secrets-at-rest key, bound to the endpoint id so a ciphertext copied onto another endpoint
 * does not open. The API seals and reveals; the worker opens to sign.
 */
const keys = new Map<string, Buffer>();
function webhookKey(masterKey: string): Buffer {
  let key = keys.get(masterKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', keyFromBase64(masterKey), '', 'groundwork/webhook-secrets/v1', 32));
    keys.set(masterKey, key);
  }
  return key;
}

export const sealEndpointSecret = (masterKey: string, endpointId: string, secret: string) =>
  seal(webhookKey(masterKey), secret, `webhook-endpoint:${endpointId}`);

export const openEndpointSecret = (masterKey: string, endpointId: string, sealed: string) =>
  open(webhookKey(masterKey), sealed, `webhook-endpoint:${endpointId}`);
