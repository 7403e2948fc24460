import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime, { type Address } from 'postal-mime';

export interface MailMessage {
  id: string;
  from: string;
  /** Envelope recipients (lower-cased), so Bcc'd addresses are found too. */
  to: string[];
  subject: string;
  /** ISO 8601; the time the catcher received it. */
  date: string;
  text: string;
  html: string;
}

function formatAddress(address: Address | undefined): string {
  if (!address) return '';
  if (address.group) return address.group.map((m) => m.address).join(', ');
  return address.name ? `${address.name} <${address.address}>` : (address.address ?? '');
}

/**
 * Newest-first, bounded list of caught messages. With a directory, each message is also written
 * as `<id>.eml` + `<id>.json`, so the dev inbox survives a restart.
 */
export class MailStore {
  private messages: MailMessage[] = [];
  private readonly raw = new Map<string, Buffer>();
  private seq = 0;

  constructor(
    private readonly dir: string | undefined,
    private readonly max = 500,
  ) {}

  async load(): Promise<void> {
    if (!this.dir) return;
    await mkdir(this.dir, { recursive: true });
    const files = (await readdir(this.dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .reverse();
    for (const file of files.slice(0, this.max)) {
      try {
        this.messages.push(JSON.parse(await readFile(join(this.dir, file), 'utf8')) as MailMessage);
      } catch {
        // A half-written file from a crash is not worth failing the stack for.
      }
    }
    for (const file of files.slice(this.max)) await this.removeFiles(file.slice(0, -'.json'.length));
  }

  async add(raw: Buffer, envelopeTo: string[]): Promise<MailMessage> {
    const parsed = await PostalMime.parse(raw);
    // Ids sort by arrival: millisecond timestamp, then a per-process sequence, then randomness.
    const id = `${Date.now()}-${String(this.seq++ % 1e6).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
    const message: MailMessage = {
      id,
      from: formatAddress(parsed.from),
      to: [...new Set(envelopeTo.map((a) => a.toLowerCase()))],
      subject: parsed.subject ?? '',
      date: new Date().toISOString(),
      text: parsed.text ?? '',
      html: parsed.html ?? '',
    };
    this.messages.unshift(message);
    this.raw.set(id, raw);
    for (const dropped of this.messages.splice(this.max)) {
      this.raw.delete(dropped.id);
      await this.removeFiles(dropped.id);
    }
    if (this.dir) {
      await writeFile(join(this.dir, `${id}.eml`), raw);
      await writeFile(join(this.dir, `${id}.json`), JSON.stringify(message));
    }
    return message;
  }

  list(to?: string): MailMessage[] {
    if (!to) return [...this.messages];
    const wanted = to.toLowerCase();
    return this.messages.filter((m) => m.to.includes(wanted));
  }

  get(id: string): MailMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  async getRaw(id: string): Promise<Buffer | undefined> {
    const cached = this.raw.get(id);
    if (cached || !this.dir || !this.get(id)) return cached;
    return readFile(join(this.dir, `${id}.eml`)).catch(() => undefined);
  }

  /** Removes every message, or only those addressed to `to` (parallel tests share one catcher). */
  async clear(to?: string): Promise<number> {
    const doomed = this.list(to);
    const ids = new Set(doomed.map((m) => m.id));
    this.messages = this.messages.filter((m) => !ids.has(m.id));
    for (const id of ids) {
      this.raw.delete(id);
      await this.removeFiles(id);
    }
    return doomed.length;
  }

  async remove(id: string): Promise<boolean> {
    if (!this.get(id)) return false;
    this.messages = this.messages.filter((m) => m.id !== id);
    this.raw.delete(id);
    await this.removeFiles(id);
    return true;
  }

  private async removeFiles(id: string): Promise<void> {
    if (!this.dir) return;
    await rm(join(this.dir, `${id}.eml`), { force: true });
    await rm(join(this.dir, `${id}.json`), { force: true });
  }
}
