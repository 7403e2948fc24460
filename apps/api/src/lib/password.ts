import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_BYTES } from '@repo/contracts';
import { AppError } from '../errors';

export { checkPasswordPolicy, type PasswordContext } from './password-policy';

/**
 * argon2id at OWASP's baseline (19 MiB, 2 passes, 1 lane), the same as prisma/seed.ts.
 * @node-rs/argon2 runs on the libuv thread pool, so hashing does not block the event loop.
 * `algorithm: 2` is Algorithm.Argon2id: a const enum, which isolatedModules cannot import.
 */
export const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

function tooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES;
}

/**
 * NIST 800-63B asks for Unicode normalization before hashing, so the same password typed on two
 * keyboards (composed vs decomposed accents, fullwidth digits) verifies the same. ASCII is unchanged.
 */
const normalize = (password: string) => password.normalize('NFKC');

/** Hashes a new password. The byte ceiling is enforced here too, before any argon2 work. */
export async function hashPassword(password: string): Promise<string> {
  if (tooLong(password)) {
    throw new AppError('validation_failed', 'Password too long', {
      errors: [{ path: 'password', code: 'too_big', message: `Use at most ${PASSWORD_MAX_BYTES} bytes.` }],
    });
  }
  return hash(normalize(password), ARGON2ID);
}

/** False for a wrong password, an oversized one (never hashed) or a malformed stored hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (tooLong(password)) return false;
  try {
    return await verify(passwordHash, normalize(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * For an unknown email (or an account without a password): one argon2 verification with the same
 * parameters as a real one, always false, so response time does not reveal whether the account
 * exists. The dummy hash is computed once per process from a random secret nobody knows.
 */
export async function verifyDummy(password: string): Promise<false> {
  await verifyPassword(await getDummyHash(), password);
  return false;
}

function getDummyHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString('base64url'), ARGON2ID);
  return dummyHash;
}

/** Builds the dummy hash ahead of the first request that needs it (call at startup). */
export async function primeDummyHash(): Promise<void> {
  await getDummyHash();
}
