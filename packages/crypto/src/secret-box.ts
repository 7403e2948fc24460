import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption for small secrets at rest (TOTP keys, webhook signing secrets): AES-256-GCM with a random
 * 96-bit nonce per message. The stored form is `v1.<nonce>.<tag>.<ciphertext>` (base64url), so a
 * later key or algorithm can be introduced next to this one. `context` (e.g. the user id) is bound
 * as additional authenticated data: a ciphertext copied onto another row fails to decrypt.
 */
const VERSION = 'v1';

export function keyFromBase64(key: string): Buffer {
  const bytes = Buffer.from(key, 'base64url');
  if (bytes.length !== 32) throw new Error('secret-box key must be 32 bytes');
  return bytes;
}

export function seal(key: Buffer, plaintext: string, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Throws on a wrong key, a wrong context or any tampering (GCM tag mismatch). */
export function open(key: Buffer, sealed: string, context: string): string {
  const [version, nonce, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !nonce || !tag || ciphertext === undefined)
    throw new Error('unrecognised secret-box format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}
