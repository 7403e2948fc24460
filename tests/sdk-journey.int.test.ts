/**
 * The typed SDK (@repo/sdk) against the real API over HTTP, for the journey docs/api.md shows:
 * sign up → verify (the link read from the mail the worker really sent) → sign in → create an
 * organization → create an API key → list the members with the key. Along the way: a typed
 * error narrowed on its code, and a session refreshed automatically after a 401.
 */
import { buildTestApp, type TestApp } from '@repo/api/test-support';
import { createClient, GroundworkApiError, isApiError } from '@repo/sdk';
import { mailbox, startWorkerProcess, uniqueEmail, type WorkerProcess } from '@repo/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';

const PASSWORD = 'correct horse battery staple 42';

let api: TestApp;
let worker: WorkerProcess;
let baseUrl: string;

beforeAll(async () => {
  worker = await startWorkerProcess();
  api = await buildTestApp();
  baseUrl = await api.app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);

afterAll(async () => {
  await worker?.stop('SIGTERM');
  await api?.close();
});

/** The `token` of the verification link in the mail's text part. */
async function verificationToken(email: string): Promise<string> {
  let mail: Awaited<ReturnType<typeof mailbox.waitForMail>>;
  try {
    mail = await mailbox.waitForMail({ to: email, subject: /^Confirm your email address$/ }, 20_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- worker output ---\n${worker.output.join('')}`);
  }
  const link = mail.text.match(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`no verification link in:\n${mail.text}`);
  return new URL(link).searchParams.get('token') as string;
}

describe('the SDK journey', () => {
  it('sign up → verify → sign in → organization → API key → members with the key', async () => {
    const gw = createClient({ baseUrl, refresh: {} });
    const email = uniqueEmail('sdk-journey');

    await gw.POST('/v1/auth/sign-up', { body: { email, password: PASSWORD, name: 'Ada' } });
    // Not verified yet: sign-in is refused with a typed error.
    const refused = await gw.signIn({ email, password: PASSWORD }).catch((error: unknown) => error);
    expect(isApiError(refused, 'email_not_verified')).toBe(true);

    const verified = await gw.POST('/v1/auth/verify-email', {
      body: { token: await verificationToken(email) },
    });
    expect(verified).toBeDefined();

    const session = await gw.signIn({ email, password: PASSWORD });
    if ('twoFactorRequired' in session) throw new Error('no second factor was set up');
    expect(session.user.email).toBe(email);
    expect(gw.tokens().accessToken).toBe(session.tokens?.accessToken);
    expect((await gw.GET('/v1/me')).email).toBe(email);

    const slug = `sdk-${Date.now().toString(36)}`;
    const org = await gw.POST('/v1/orgs', { body: { name: 'SDK Journey', slug } });
    expect(org.slug).toBe(slug);

    // A second organization with the same slug: the error narrows on its code.
    const taken = await gw.POST('/v1/orgs', { body: { name: 'Again', slug } }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(GroundworkApiError);
    if (!isApiError(taken, 'slug_taken')) throw new Error(`expected slug_taken, got ${String(taken)}`);
    expectTypeOf(taken.code).toEqualTypeOf<'slug_taken'>();
    expect(taken.status).toBe(409);
    expect(taken.requestId).toMatch(/.+/);

    const created = await gw.POST('/v1/orgs/{orgId}/api-keys', {
      params: { path: { orgId: org.id } },
      body: { name: 'SDK test', scopes: ['members:read'] },
    });
    expect(created.key).toMatch(/^gwk_/);
    expect(created.apiKey.scopes).toEqual(['members:read']);

    const integration = createClient({ baseUrl, auth: { apiKey: created.key } });
    const { members } = await integration.GET('/v1/orgs/{orgId}/members', {
      params: { path: { orgId: org.id }, query: { sort: 'name:asc' } },
    });
    expect(members.map((m) => m.email)).toEqual([email]);
    expect(members[0]?.role).toBe('owner');

    // The key's scopes hold: creating another key is not among them.
    const outOfScope = await integration
      .POST('/v1/orgs/{orgId}/api-keys', {
        params: { path: { orgId: org.id } },
        body: { name: 'escalate', scopes: ['members:read'] },
      })
      .catch((e: unknown) => e);
    expect(isApiError(outOfScope) && outOfScope.status).toBe(403);
  }, 90_000);

  it('refreshes the session on a 401 and replays the request, handing over the new tokens', async () => {
    const setup = createClient({ baseUrl });
    const email = uniqueEmail('sdk-refresh');
    await setup.POST('/v1/auth/sign-up', { body: { email, password: PASSWORD, name: 'Rae' } });
    await setup.POST('/v1/auth/verify-email', { body: { token: await verificationToken(email) } });
    const session = await setup.signIn({ email, password: PASSWORD });
    if (!('tokens' in session) || !session.tokens) throw new Error('expected body tokens');

    const handedOver: string[] = [];
    // An access token the API will refuse, as an expired one would be; the refresh token is good.
    const gw = createClient({
      baseUrl,
      auth: { bearer: `${session.tokens.accessToken}x` },
      refresh: {
        refreshToken: session.tokens.refreshToken,
        onTokens: (tokens) => {
          handedOver.push(tokens.refreshToken);
        },
      },
    });
    // A POST with a body: the replay sends the body again.
    const org = await gw.POST('/v1/orgs', { body: { name: 'After refresh' } });
    expect(org.name).toBe('After refresh');
    expect(handedOver).toHaveLength(1);
    expect(handedOver[0]).not.toBe(session.tokens.refreshToken);
    expect(gw.tokens().refreshToken).toBe(handedOver[0]);

    // The old refresh token is spent (rotation): a client still holding it cannot refresh.
    const stale = createClient({
      baseUrl,
      auth: { bearer: 'not-a-token' },
      refresh: { refreshToken: session.tokens.refreshToken },
    });
    const error = await stale.GET('/v1/me').catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(401);
  }, 90_000);
});
