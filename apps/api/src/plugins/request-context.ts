import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Printable, bounded ids only: a caller-supplied id ends up in every log line we write. */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify `genReqId`: keep an upstream proxy's id so traces line up, otherwise mint one. */
export function genReqId(req: IncomingMessage): string {
  const header = req.headers[REQUEST_ID_HEADER];
  return typeof header === 'string' && SANE_ID.test(header) ? header : randomUUID();
}

/**
 * Echoes the request id and writes one concise line per request (Fastify's own two lines per
 * request are disabled: logging is the single largest per-request cost).
 */
const requestContext: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });

  // During shutdown, responses to in-flight requests close their keep-alive connection; otherwise
  // server.close() would wait for idle clients until keepAliveTimeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    if (req.routeOptions.config?.quiet) return;
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    req.log[level](
      {
        method: req.method,
        // Path only: query strings can carry tokens.
        path: req.url.split('?', 1)[0],
        route: req.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
};

export default fp(requestContext, { name: 'request-context' });
