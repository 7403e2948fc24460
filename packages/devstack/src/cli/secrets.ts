import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  AUTH_JWT_SECRET: string;
  TOTP_ENCRYPTION_KEY: string;
}

/**
 * Secrets the apps require, generated once per data dir (never committed, never shared between
 * machines) so `pnpm dev` needs no configuration and sessions survive a restart. Real
 * deployments set them in the environment, which always wins over this file.
 */
export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    } catch {
      stored = {};
    }
  }
  const secrets: LocalSecrets = {
    AUTH_JWT_SECRET: stored.AUTH_JWT_SECRET ?? randomBytes(48).toString('base64url'),
    TOTP_ENCRYPTION_KEY: stored.TOTP_ENCRYPTION_KEY ?? randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
