import { createHmac, randomInt } from 'node:crypto';
import { keyFromBase64 } from '@repo/crypto';
import type { Tx } from '@repo/db';

export const BACKUP_CODE_COUNT = 10;
/** Crockford's base32: no i, l, o, u, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LENGTH = 10; // 50 bits each

/** `xxxxx-xxxxx`, the form shown to the user. */
export function newBackupCode(): string {
  let s = '';
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** Case, spaces and dashes do not matter; the letters people confuse with digits map to them. */
export function normalizeBackupCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
}

/**
 * Keyed hash (HMAC-SHA256 under a key derived from TOTP_ENCRYPTION_KEY): 50 random bits are too
 * few to survive an offline search of a leaked table with a plain hash; without the key there is
 * nothing to search. Deterministic, so a code is found by its unique index in one statement.
 */
export function hashBackupCode(encryptionKey: string, code: string): string {
  const key = createHmac('sha256', keyFromBase64(encryptionKey)).update('backup-codes').digest();
  return createHmac('sha256', key).update(normalizeBackupCode(code)).digest('hex');
}

/** Replaces the user's whole set; returns the plaintext codes, which are never stored. */
export async function replaceBackupCodes(
  tx: Tx,
  encryptionKey: string,
  userId: string,
  now: Date,
): Promise<string[]> {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
  await tx.backupCode.deleteMany({ where: { userId } });
  await tx.backupCode.createMany({
    data: codes.map((c) => ({ userId, codeHash: hashBackupCode(encryptionKey, c), createdAt: now })),
  });
  return codes;
}

/**
 * Marks one unused code as used in a single conditional UPDATE: of concurrent uses of the same
 * code, exactly one matches the row while `used_at` is still null.
 */
export async function consumeBackupCode(
  tx: Tx,
  encryptionKey: string,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.backupCode.updateMany({
    where: { userId, codeHash: hashBackupCode(encryptionKey, code), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1;
}
