/**
 * The walking skeleton end to end: POST /v1/waitlist → entry + outbox event in one transaction →
 * the worker (a real child process) relays the event to BullMQ → the email processor renders and
 * sends over SMTP → the mail is in the catcher. Then the worker drains on SIGTERM and exits 0.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { buildTestApp, type TestApp } from '@repo/api/test-support';
import { mailbox, startWorkerProcess, uniqueEmail } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FR_SUBJECT = "Vous êtes sur la liste d'attente de Groundwork";
const EN_SUBJECT = "You're on the Groundwork waitlist";

let api: TestApp;
let worker: ChildProcess;
let healthUrl: string;
let output: string[] = [];

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n--- worker output ---\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Failures show what the worker logged: it runs in another process. */
async function withWorkerOutput<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- worker output ---\n${output.join('')}`);
  }
}

const join = (email: string, locale?: string) =>
  api.app.inject({ method: 'POST', url: '/v1/waitlist', payload: { email, ...(locale ? { locale } : {}) } });

beforeAll(async () => {
  // A poll interval longer than the test: mail can only arrive because the API's NOTIFY woke the
  // relay (the poll path is covered by the relay's own tests).
  const started = await startWorkerProcess({ OUTBOX_POLL_MS: '600000' });
  worker = started.child;
  healthUrl = started.healthUrl;
  output = started.output;
  api = await buildTestApp({ WAITLIST_ENABLED: 'true' });
}, 60_000);

afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    worker.kill('SIGKILL');
    await once(worker, 'exit');
  }
  await api?.close();
});

describe('waitlist flow (api → outbox → relay → queue → smtp)', () => {
  it('reports liveness and readiness of its dependencies', async () => {
    const ready = await fetch(`${healthUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'ok' }, redis: { status: 'ok' } },
    });
    expect(await (await fetch(`${healthUrl}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('sends the localized welcome mail once per address', async () => {
    const email = uniqueEmail('flow');
    const res = await join(email, 'fr');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted' });

    const entry = await api.deps.db.waitlistEntry.findUniqueOrThrow({ where: { email } });
    const byEmail = { type: 'waitlist.joined', payload: { path: ['email'], equals: email } };
    const [event] = await api.deps.db.outboxEvent.findMany({ where: byEmail });
    expect(event?.payload).toEqual({ entryId: entry.id, email, locale: 'fr' });

    const mail = await withWorkerOutput(mailbox.waitForMail({ to: email, subject: FR_SUBJECT }, 20_000));
    expect(mail.html).toContain('lang="fr"');
    expect(mail.html).toContain(email);
    expect(mail.text).toContain('Nous vous écrirons');
    const dispatched = await until(async () => {
      const row = await api.deps.db.outboxEvent.findUniqueOrThrow({ where: { id: event!.id } });
      return row.dispatchedAt ?? undefined;
    }, 'the event to be marked dispatched');
    expect(dispatched).toBeInstanceOf(Date);

    // Same answer for a duplicate, and no event is written for it.
    const again = await join(email.toUpperCase(), 'en');
    expect(again.statusCode).toBe(202);
    expect(again.body).toBe(res.body);
    expect(await api.deps.db.outboxEvent.count({ where: byEmail })).toBe(1);

    // Barrier: a later join's mail has arrived, so a (wrong) second mail would have had its chance.
    // The listener's one catch-up wake is long spent here: this mail proves the commit's NOTIFY.
    const later = uniqueEmail('flow-later');
    expect((await join(later)).statusCode).toBe(202);
    await withWorkerOutput(mailbox.waitForMail({ to: later, subject: EN_SUBJECT }, 20_000));
    expect(await mailbox.list({ to: email })).toHaveLength(1);
  }, 60_000);

  it('drains and exits 0 on SIGTERM', async () => {
    const exited = once(worker, 'exit');
    worker.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output.join('')).toContain('worker stopped');
  }, 40_000);
});
