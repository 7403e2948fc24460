import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Fixed-but-overridable ports so an e2e run never collides with a dev stack on 3000/4000.
export const e2ePorts = {
  web: Number(process.env.E2E_WEB_PORT ?? 3100),
  api: Number(process.env.E2E_API_PORT ?? 4100),
  workerHealth: Number(process.env.E2E_WORKER_HEALTH_PORT ?? 4101),
};

export const baseURL = `http://127.0.0.1:${e2ePorts.web}`;

/** Where the devstack runner writes the URLs it resolved (services use free ports). */
export const urlsFile =
  process.env.E2E_URLS_FILE ?? join(tmpdir(), `groundwork-e2e-urls-${e2ePorts.web}.json`);

/**
 * Reads one URL from the runner's --write-urls JSON (`{ webUrl, apiUrl, mailInboxUrl, … }`).
 * Each name in `keys` is tried at the top level and under `env`, so the spec survives the runner
 * switching between camelCase and ENV_NAME keys.
 */
export function runnerUrl(...keys: string[]): string {
  const data = JSON.parse(readFileSync(urlsFile, 'utf8')) as Record<string, unknown>;
  const env = (data.env ?? {}) as Record<string, unknown>;
  for (const key of keys) {
    const value = data[key] ?? env[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  throw new Error(`none of ${keys.join(', ')} in ${urlsFile}: ${JSON.stringify(data)}`);
}
