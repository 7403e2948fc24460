import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MailStore } from './store';

const raw = (to: string, subject: string) =>
  Buffer.from(
    `From: "Groundwork" <no-reply@groundwork.local>\r\nTo: ${to}\r\nSubject: ${subject}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n',
  );

describe('MailStore', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('lists newest first and filters by envelope recipient, ignoring case', async () => {
    const store = new MailStore(undefined);
    await store.add(raw('a@example.test', 'one'), ['A@Example.test']);
    await store.add(raw('b@example.test', 'two'), ['b@example.test', 'hidden@example.test']);
    expect(store.list().map((m) => m.subject)).toEqual(['two', 'one']);
    expect(store.list('a@EXAMPLE.test').map((m) => m.subject)).toEqual(['one']);
    expect(store.list('hidden@example.test').map((m) => m.subject)).toEqual(['two']);
    expect(store.list('a@example.test')[0]?.from).toBe('Groundwork <no-reply@groundwork.local>');
  });

  it('keeps only the newest `max` messages', async () => {
    const store = new MailStore(undefined, 3);
    for (let i = 1; i <= 5; i++) await store.add(raw('x@example.test', `m${i}`), ['x@example.test']);
    expect(store.list().map((m) => m.subject)).toEqual(['m5', 'm4', 'm3']);
  });

  it('clears one recipient without touching the others', async () => {
    const store = new MailStore(undefined);
    await store.add(raw('a@example.test', 'a'), ['a@example.test']);
    await store.add(raw('b@example.test', 'b'), ['b@example.test']);
    expect(await store.clear('a@example.test')).toBe(1);
    expect(store.list().map((m) => m.subject)).toEqual(['b']);
  });

  it('persists to disk and reloads, pruning beyond `max`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailstore-'));
    dirs.push(dir);
    const store = new MailStore(dir, 2);
    for (const s of ['old', 'mid', 'new']) await store.add(raw('x@example.test', s), ['x@example.test']);
    expect((await readdir(dir)).length).toBe(4); // .eml + .json for the two kept
    const reloaded = new MailStore(dir, 2);
    await reloaded.load();
    expect(reloaded.list().map((m) => m.subject)).toEqual(['new', 'mid']);
    const id = reloaded.list()[0]?.id ?? '';
    expect((await reloaded.getRaw(id))?.toString()).toContain('Subject: new');
  });
});
