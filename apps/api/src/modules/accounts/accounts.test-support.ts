import { randomInt } from 'node:crypto';
import type { OutboxEventPayload, OutboxEventType } from '@repo/contracts';
import { uniqueEmail } from '@repo/testing';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../app.test-support';
import { hashPassword } from '../../lib/password';
import { createSession } from '../sessions';

/** Integration-test helpers for the accounts and profile modules (not shipped: only tests import it). */

export const PASSWORD = 'correct horse battery staple 42';
export const NEW_PASSWORD = 'a completely different passphrase 7';

/** A fresh client address per call, so per-IP limits of one test never touch another. */
export const ip = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export function post(
  t: TestApp,
  url: string,
  payload: unknown,
  opts: { remoteAddress?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    remoteAddress: opts.remoteAddress ?? ip(),
    headers: opts.headers ?? {},
  });
}

/** The newest outbox event of a type whose payload `email` is the given address. */
export async function lastEvent<T extends OutboxEventType>(
  t: TestApp,
  type: T,
  email: string,
): Promise<OutboxEventPayload<T> | undefined> {
  const row = await t.deps.db.outboxEvent.findFirst({
    where: { type, payload: { path: ['email'], equals: email } },
    orderBy: { createdAt: 'desc' },
  });
  return row?.payload as OutboxEventPayload<T> | undefined;
}

export async function countEvents(t: TestApp, type: OutboxEventType, email: string): Promise<number> {
  return t.deps.db.outboxEvent.count({ where: { type, payload: { path: ['email'], equals: email } } });
}

/** Signs up through the API and returns the address and the token from the verification event. */
export async function signUpViaApi(t: TestApp, prefix = 'acct') {
  const email = uniqueEmail(prefix);
  const res = await post(t, '/v1/auth/sign-up', { email, password: PASSWORD, name: 'Test Person' });
  if (res.statusCode !== 202) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const event = await lastEvent(t, 'user.verification_requested', email);
  if (!event) throw new Error('no verification event');
  return { email, userId: event.userId, token: event.token };
}

/** A verified user created directly in the database (faster than the API when the flow is not under test). */
export async function createUser(t: TestApp, prefix = 'acct', password = PASSWORD) {
  const email = uniqueEmail(prefix);
  const user = await t.deps.db.user.create({
    data: {
      email,
      name: 'Test Person',
      passwordHash: await hashPassword(password),
      emailVerifiedAt: new Date(),
    },
  });
  return { email, userId: user.id, password };
}

/**
 * A signed-in session for `userId` and its bearer header, minted the way sign-in does (H2's
 * createSession + access token), with a controllable auth time for sudo-mode tests.
 */
export async function signIn(t: TestApp, userId: string, opts: { authAgeSeconds?: number } = {}) {
  const session = await t.deps.db.$transaction((tx) =>
    createSession(t.deps, tx, { userId, amr: ['pwd'], ip: '10.0.0.1', userAgent: 'vitest' }),
  );
  const authTime = Math.floor(Date.now() / 1000) - (opts.authAgeSeconds ?? 0);
  const accessToken = t.app.accessTokens.sign({
    sub: userId,
    sid: session.sessionId,
    role: 'user',
    amr: ['pwd'],
    auth_time: authTime,
  });
  return { sessionId: session.sessionId, headers: { authorization: `Bearer ${accessToken}` } };
}

/** Response headers that must match between two answers that should be indistinguishable. */
export function comparableHeaders(res: LightMyRequestResponse): Record<string, unknown> {
  const { 'x-request-id': _id, date: _date, 'set-cookie': cookies, ...rest } = res.headers;
  if (cookies === undefined) return rest;
  // A cookie's value is random by design (the sign-up cookie); its name and attributes must match.
  const shapes = [cookies].flat().map((c) => String(c).replace(/^([^=]+)=[^;]*/, '$1=<value>'));
  return { ...rest, 'set-cookie': shapes };
}
