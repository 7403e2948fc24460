/**
 * Identity scenarios for `pnpm bench` (A1, A2): authenticated GET /v1/me, sign-in (bounded by
 * one argon2id verification) and refresh-token rotation. Each load connection gets its own user
 * and session, as real clients would: one account signing in 50 times in parallel is exactly
 * what the brute-force guard refuses, and a refresh token is single-use by design.
 */

import { hashPassword } from '@repo/api/bench';
import { createDb } from '@repo/db';

export const BENCH_PASSWORD = 'bench-correct-horse-battery';

export interface BenchUser {
  email: string;
  accessToken: string;
  refreshToken: string;
}

/** Creates `count` verified users directly in the database and signs each in through the API. */
export async function prepareUsers(apiUrl: string, databaseUrl: string, count: number): Promise<BenchUser[]> {
  const db = createDb({ url: databaseUrl, poolMax: 2 });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const run = Date.now().toString(36);
  const emails = Array.from({ length: count }, (_, i) => `bench-${run}-${i}@example.test`);
  try {
    await db.user.createMany({
      data: emails.map((email) => ({ email, name: 'Bench', passwordHash, emailVerifiedAt: new Date() })),
    });
  } finally {
    await db.$disconnect();
  }
  const users: BenchUser[] = [];
  for (const email of emails) {
    const res = await fetch(`${apiUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: BENCH_PASSWORD, tokenDelivery: 'body' }),
    });
    if (!res.ok) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`);
    const { tokens } = (await res.json()) as { tokens: { accessToken: string; refreshToken: string } };
    users.push({ email, ...tokens });
  }
  return users;
}

type Context = Record<string, unknown>;
interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * A request borrows a free user and gives it back when its response arrives, so no two requests
 * in flight share an account or a refresh token (autocannon resets a connection's context after
 * each request, so the user cannot simply stay with its connection). Needs connections ≤ users.
 */
function checkout(users: BenchUser[]) {
  const free = [...users];
  return {
    take(context: Context): BenchUser {
      const user = free.shift();
      if (!user) throw new Error('bench: more connections than users');
      context.user = user;
      return user;
    },
    give(context: Context) {
      free.push(context.user as BenchUser);
    },
  };
}

const json = (req: Request, body: unknown): Request => ({
  ...req,
  headers: { ...req.headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function meRequests(users: BenchUser[]) {
  const pool = checkout(users);
  return [
    {
      method: 'GET',
      path: '/v1/me',
      setupRequest: (req: Request, context: Context) => ({
        ...req,
        headers: { ...req.headers, authorization: `Bearer ${pool.take(context).accessToken}` },
      }),
      onResponse: (_status: number, _body: string, context: Context) => pool.give(context),
    },
  ];
}

export function signInRequests(users: BenchUser[]) {
  const pool = checkout(users);
  return [
    {
      method: 'POST',
      path: '/v1/auth/sign-in',
      setupRequest: (req: Request, context: Context) =>
        json(req, { email: pool.take(context).email, password: BENCH_PASSWORD, tokenDelivery: 'body' }),
      onResponse: (_status: number, _body: string, context: Context) => pool.give(context),
    },
  ];
}

/** Each request rotates one session's refresh token; the user goes back with the new token. */
export function refreshRequests(users: BenchUser[]) {
  const pool = checkout(users);
  return [
    {
      method: 'POST',
      path: '/v1/auth/refresh',
      setupRequest: (req: Request, context: Context) =>
        json(req, { refreshToken: pool.take(context).refreshToken, tokenDelivery: 'body' }),
      onResponse: (status: number, body: string, context: Context) => {
        if (status === 200) {
          const { tokens } = JSON.parse(body) as { tokens: { refreshToken: string } };
          (context.user as BenchUser).refreshToken = tokens.refreshToken;
        }
        pool.give(context);
      },
    },
  ];
}
