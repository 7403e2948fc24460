import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSecret } from '@repo/webhooks';

/** One request the receiver caught, exactly as it arrived. */
export interface CaughtRequest {
  id: string;
  /** ISO 8601; when the receiver got it. */
  receivedAt: string;
  method: string;
  /** The path without the query, e.g. `/hooks/acme`; secrets are registered per path. */
  path: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The raw body (UTF-8): signatures cover these exact bytes. */
  body: string;
  /** What the receiver answered (204, or the simulated failure). */
  status: number;
}

const SECRETS_FILE = 'secrets.json';
/** A path keeps a few secrets, so deliveries signed before a rotation still verify. */
const SECRETS_PER_PATH = 5;

/**
 * Newest-first, bounded list of caught webhook requests plus the signing secrets known per path.
 * With a directory (dev), each request is also written as `<id>.json` and the secrets as
 * `secrets.json` (mode 0600), so the inbox and its verdicts survive a restart.
 */
export class HookStore {
  private requests: CaughtRequest[] = [];
  private secretsByPath = new Map<string, string[]>();
  private seq = 0;

  constructor(
    private readonly dir: string | undefined,
    private readonly max = 500,
  ) {}

  async load(): Promise<void> {
    if (!this.dir) return;
    await mkdir(this.dir, { recursive: true });
    const files = (await readdir(this.dir))
      .filter((f) => f.endsWith('.json') && f !== SECRETS_FILE)
      .sort()
      .reverse();
    for (const file of files.slice(0, this.max)) {
      try {
        this.requests.push(JSON.parse(await readFile(join(this.dir, file), 'utf8')) as CaughtRequest);
      } catch {
        // A half-written file from a crash is not worth failing the stack for.
      }
    }
    for (const file of files.slice(this.max)) await rm(join(this.dir, file), { force: true });
    try {
      const stored = JSON.parse(await readFile(join(this.dir, SECRETS_FILE), 'utf8')) as Record<
        string,
        string[]
      >;
      for (const [path, list] of Object.entries(stored)) {
        const valid = Array.isArray(list) ? list.filter((s) => typeof s === 'string' && isSecret(s)) : [];
        if (valid.length > 0) this.secretsByPath.set(normalizePath(path), valid.slice(0, SECRETS_PER_PATH));
      }
    } catch {
      // No secrets registered yet (or an unreadable file): every delivery shows "unknown".
    }
  }

  async add(request: Omit<CaughtRequest, 'id' | 'receivedAt'>, now = new Date()): Promise<CaughtRequest> {
    // Ids sort by arrival: millisecond timestamp, then a per-process sequence, then randomness.
    const id = `${now.getTime()}-${String(this.seq++ % 1e6).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
    const caught: CaughtRequest = { id, receivedAt: now.toISOString(), ...request };
    this.requests.unshift(caught);
    for (const dropped of this.requests.splice(this.max)) await this.removeFile(dropped.id);
    if (this.dir) await writeFile(join(this.dir, `${id}.json`), JSON.stringify(caught));
    return caught;
  }

  list(): CaughtRequest[] {
    return [...this.requests];
  }

  get(id: string): CaughtRequest | undefined {
    return this.requests.find((r) => r.id === id);
  }

  async clear(): Promise<number> {
    const doomed = this.requests;
    this.requests = [];
    for (const r of doomed) await this.removeFile(r.id);
    return doomed.length;
  }

  /** Registers `secret` for `path` (newest first; registering a known one again moves it first). */
  async addSecret(path: string, secret: string): Promise<void> {
    if (!isSecret(secret)) throw new TypeError('Not a whsec_ webhook secret');
    const key = normalizePath(path);
    const list = [secret, ...(this.secretsByPath.get(key) ?? []).filter((s) => s !== secret)];
    this.secretsByPath.set(key, list.slice(0, SECRETS_PER_PATH));
    if (this.dir) {
      const file = join(this.dir, SECRETS_FILE);
      await writeFile(file, `${JSON.stringify(Object.fromEntries(this.secretsByPath), null, 2)}\n`, {
        mode: 0o600,
      });
    }
  }

  secretsFor(path: string): readonly string[] {
    return this.secretsByPath.get(normalizePath(path)) ?? [];
  }

  /** Paths with at least one secret (never the secrets themselves). */
  knownPaths(): string[] {
    return [...this.secretsByPath.keys()].sort();
  }

  private async removeFile(id: string): Promise<void> {
    if (!this.dir) return;
    await rm(join(this.dir, `${id}.json`), { force: true });
  }
}

/** `/hooks/acme/` and `hooks/acme` are the same path as `/hooks/acme`. */
export function normalizePath(path: string): string {
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}
