/**
 * Account mails end to end: the API writes outbox events, a real worker process relays them and
 * sends over SMTP, and the test reads the mails from the devstack catcher and follows their links
 * (the token is taken from the mail, not from the database).
 */
import { mailbox, startWorkerProcess, uniqueEmail, type WorkerProcess } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../app.test-support';
import { createUser, NEW_PASSWORD, PASSWORD, post, signIn } from './accounts.test-support';

let api: TestApp;
let worker: WorkerProcess;

/** The newest mail to `to` matching `subject`; failures show what the worker logged. */
async function mailTo(to: string, subject: RegExp) {
  try {
    return await mailbox.waitForMail({ to, subject }, 20_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- worker output ---\n${worker.output.join('')}`);
  }
}

/** The `token` query parameter of the first link to `path` in the mail's text part. */
function linkToken(text: string, path: string): string {
  const url = text.match(new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_-]+`))?.[0];
  if (!url) throw new Error(`no ${path} link in:\n${text}`);
  return new URL(url).searchParams.get('token') as string;
}

beforeAll(async () => {
  worker = await startWorkerProcess();
  api = await buildTestApp();
}, 60_000);

afterAll(async () => {
  await worker?.stop('SIGTERM');
  await api?.close();
});

describe('account mails', () => {
  it('sign-up → verification mail → verified → welcome; a second sign-up gets "account exists"', async () => {
    const email = uniqueEmail('mail-signup');
    expect((await post(api, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'Mia' })).statusCode).toBe(
      202,
    );
    const verification = await mailTo(email, /^Confirm your email address$/);
    const token = linkToken(verification.text, '/verify-email');

    const verified = await post(api, '/v1/auth/verify-email', { token });
    expect(verified.statusCode).toBe(200);
    expect((await api.deps.db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeInstanceOf(
      Date,
    );
    await mailTo(email, /^Welcome to Groundwork$/);

    expect(
      (await post(api, '/v1/auth/sign-up', { email, password: NEW_PASSWORD, name: 'Imposter' })).statusCode,
    ).toBe(202);
    const exists = await mailTo(email, /already have a Groundwork account/);
    expect(exists.text).not.toContain('token=');
  }, 60_000);

  it('forgot → reset mail to the stored address → reset → "password changed" mail', async () => {
    const email = uniqueEmail('mail-reset');
    expect((await post(api, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'Rex' })).statusCode).toBe(
      202,
    );
    expect((await post(api, '/v1/auth/password/forgot', { email: email.toUpperCase() })).statusCode).toBe(
      202,
    );
    const resetMail = await mailTo(email, /^Reset your Groundwork password$/);
    expect(resetMail.to).toEqual([email]);
    const token = linkToken(resetMail.text, '/reset-password');

    const res = await post(api, '/v1/auth/password/reset', { token, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    await mailTo(email, /password was changed/);
  }, 60_000);

  it('email change → confirmation mail to the new address → swapped → notice to the old address', async () => {
    const user = await createUser(api, 'mail-old');
    const { headers } = await signIn(api, user.userId);
    const newEmail = uniqueEmail('mail-new');
    expect((await post(api, '/v1/me/email', { newEmail }, { headers })).statusCode).toBe(202);
    const confirmation = await mailTo(newEmail, /^Confirm your new email address$/);
    const token = linkToken(confirmation.text, '/verify-email');

    expect((await post(api, '/v1/auth/verify-email', { token })).json()).toEqual({
      status: 'verified',
      purpose: 'change_email',
      email: newEmail,
      signedIn: false,
    });
    const notice = await mailTo(user.email, /email address was changed/);
    expect(notice.text).not.toContain('token=');
    expect((await api.deps.db.user.findUniqueOrThrow({ where: { id: user.userId } })).email).toBe(newEmail);
  }, 60_000);
});
