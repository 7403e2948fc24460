import type { FastifyRequest } from 'fastify';

/** Longest user agent we store or log: real ones are < 300 characters; the rest is abuse. */
export const USER_AGENT_MAX = 512;

export interface RequestMeta {
  /** Client address. Fastify's `req.ip` honours TRUST_PROXY, so a spoofed X-Forwarded-For only
   * counts when the hop that sent it is trusted by configuration (docs/deployment.md). */
  ip: string;
  userAgent: string | null;
  requestId: string;
  /** The admin impersonating the caller (D1): every audit row written for the request names them. */
  impersonatorId?: string | null;
}

/** Who/where a request came from, for audit rows, sessions and brute-force keys. */
export function requestMeta(
  req: Pick<FastifyRequest, 'ip' | 'headers' | 'id'> & { auth?: { impersonatorId: string | null } | null },
): RequestMeta {
  const raw = req.headers['user-agent'];
  const userAgent = typeof raw === 'string' && raw.trim() !== '' ? raw.slice(0, USER_AGENT_MAX) : null;
  const impersonatorId = req.auth?.impersonatorId ?? null;
  return { ip: req.ip, userAgent, requestId: String(req.id), ...(impersonatorId ? { impersonatorId } : {}) };
}
