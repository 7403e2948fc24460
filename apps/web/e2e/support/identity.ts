import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import pg from 'pg';
import { runnerUrl } from './env';

export type InboxMessage = { id: string; to: string[]; subject: string; text: string; html: string };

export function uniqueEmail(tag: string): string {
  return `e2e-${tag}-${randomUUID()}@example.com`;
}

/** Long, random and free of context words: passes the API's NIST policy every time. */
export function strongPassword(): string {
  return `Mosaic-${randomUUID().slice(0, 8)}-lantern-${randomUUID().slice(0, 4)}`;
}

/** Polls the mail catcher until a mail to `to` whose subject matches arrives; returns the newest. */
export async function waitForMail(
  request: APIRequestContext,
  to: string,
  subject: RegExp,
  timeout = 30_000,
): Promise<InboxMessage> {
  const inbox = runnerUrl('mailInboxUrl', 'MAIL_INBOX_URL');
  let found: InboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`${inbox}/api/messages?to=${encodeURIComponent(to)}`);
        const mails = res.ok() ? ((await res.json()) as InboxMessage[]) : [];
        found = mails.find((m) => subject.test(m.subject));
        return found !== undefined;
      },
      { timeout, message: `mail to ${to} matching ${subject}` },
    )
    .toBe(true);
  return found as InboxMessage;
}

/**
 * The path + query of the first link in the mail's text part that points to `path` (e.g.
 * `/verify-email`). Mails use APP_URL's host, which may differ from the test's (localhost vs
 * 127.0.0.1, and cookies are per host), so tests navigate by path.
 */
export function linkTo(mail: InboxMessage, path: string): string {
  for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.endsWith(path)) return `${url.pathname}${url.search}`;
  }
  throw new Error(`no ${path} link in mail "${mail.subject}":\n${mail.text}`);
}

export type TestUser = { email: string; password: string; name: string };

const json = { 'content-type': 'application/json' };

/**
 * A client address of its own for each made-up user: real users sign up from many addresses, so
 * the suite does not pile every account on one address's sign-up budget (30 an hour, ADR 0010).
 * The e2e stack trusts loopback as its proxy (TRUST_PROXY in playwright.config.ts), exactly as a
 * deployment trusts its load balancer's X-Forwarded-For.
 */
export function clientAddress(): { 'x-forwarded-for': string } {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return { 'x-forwarded-for': `10.${octet()}.${octet()}.${octet()}` };
}

/** A verified account made through the API (sign-up + the real verification mail). */
export async function createVerifiedUser(request: APIRequestContext, tag: string): Promise<TestUser> {
  const user = { email: uniqueEmail(tag), password: strongPassword(), name: 'Dana Tester' };
  const address = clientAddress();
  const res = await request.post('/api/v1/auth/sign-up', {
    headers: { ...json, ...address },
    data: { ...user, locale: 'en' },
  });
  expect(res.status()).toBe(202);
  const mail = await waitForMail(request, user.email, /./);
  const token = new URL(linkTo(mail, '/verify-email'), 'http://x').searchParams.get('token');
  const verified = await request.post('/api/v1/auth/verify-email', {
    headers: { ...json, ...address },
    data: { token },
  });
  expect(verified.status()).toBe(200);
  // A context that signed up and verifies in one go is signed in by the link (ADR 0028); callers
  // expect an account, not a session, so that session ends here.
  if (((await verified.json()) as { signedIn?: boolean }).signedIn) {
    const out = await request.post('/api/v1/auth/sign-out', {
      headers: { ...json, ...address, 'sec-fetch-site': 'same-origin' },
      data: {},
    });
    expect(out.ok()).toBe(true);
  }
  return user;
}

/** Signs in through the UI and waits for the page it lands on. */
export async function signInThroughUi(page: Page, user: TestUser, path = '/en/sign-in'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

/** Signs a browser context in through the API (cookies land in the context's jar). */
export async function signInContext(page: Page, user: TestUser): Promise<void> {
  const res = await page.request.post('/api/v1/auth/sign-in', {
    headers: json,
    data: { email: user.email, password: user.password },
  });
  expect(res.status()).toBe(200);
}

/**
 * Moves every session's last authentication of `email` an hour back, so sudo mode has expired
 * for the next access token the session mints (the test then drops the current one).
 */
export async function ageAuthentication(email: string): Promise<void> {
  const client = new pg.Client({ connectionString: runnerUrl('databaseUrl', 'DATABASE_URL') });
  await client.connect();
  try {
    const res = await client.query(
      `UPDATE sessions SET auth_time = now() - interval '1 hour'
       WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [email],
    );
    expect(res.rowCount).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
}
