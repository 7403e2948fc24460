/**
 * The lockout mail for real: failed sign-ins → lock → outbox → the worker (a child process) →
 * SMTP → the catcher; the link in the mail unlocks the account through the API.
 */
import { randomUUID } from 'node:crypto';
import { mailbox, startWorkerProcess, type WorkerProcess } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.test-support';
import { CHROME_UA, createUser, PASSWORD, SAME_ORIGIN } from '../modules/auth/auth.test-support';

let api: TestApp;
let worker: WorkerProcess;

beforeAll(async () => {
  worker = await startWorkerProcess();
  api = await buildTestApp({ LOCKOUT_THRESHOLD: '3', REDIS_PREFIX: `bfm${randomUUID().slice(0, 8)}` });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await api?.close();
});

const signIn = (email: string, password: string) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    remoteAddress: '192.0.2.50',
    headers: { 'user-agent': CHROME_UA, ...SAME_ORIGIN },
    payload: { email, password },
  });

describe('account lock mail', () => {
  it('arrives with an unlock link that lifts the lock once', async () => {
    const user = await createUser(api, { prefix: 'lockmail' });
    for (let i = 0; i < 3; i++) expect((await signIn(user.email, 'wrong password!')).statusCode).toBe(401);
    expect((await signIn(user.email, PASSWORD)).statusCode).toBe(423);

    let mail: Awaited<ReturnType<typeof mailbox.waitForMail>>;
    try {
      mail = await mailbox.waitForMail({ to: user.email, subject: /temporarily locked/ }, 30_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- worker output ---\n${worker.output.join('')}`);
    }
    const token = /\/unlock\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toEqual(expect.any(String));

    const unlock = () => api.app.inject({ method: 'POST', url: '/v1/auth/unlock', payload: { token } });
    expect((await unlock()).statusCode).toBe(200);
    expect((await signIn(user.email, PASSWORD)).statusCode).toBe(200);
    const again = await unlock(); // single use
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('link_invalid');
  });
});
