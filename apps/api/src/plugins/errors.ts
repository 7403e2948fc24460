import { type Problem, problemType } from '@repo/contracts';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type MappedError, mapError, problemTitle } from '../lib/error-mapping';
import { REQUEST_ID_HEADER } from './request-context';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

function sendProblem(req: FastifyRequest, reply: FastifyReply, mapped: MappedError) {
  const body: Problem = {
    type: problemType(mapped.code),
    title: problemTitle(mapped.code),
    status: mapped.status,
    code: mapped.code,
    ...(mapped.detail ? { detail: mapped.detail } : {}),
    requestId: req.id,
    ...(mapped.errors ? { errors: mapped.errors } : {}),
  };
  if (mapped.headers) reply.headers(mapped.headers);
  // Pre-serialized with an explicit type: route response schemas must never reshape an error.
  return reply
    .code(mapped.status)
    .header(REQUEST_ID_HEADER, req.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(body));
}

/**
 * The single place errors become HTTP responses (RFC 9457 problem+json). Internals (stack, SQL,
 * Prisma codes, paths) go to the log, keyed by requestId; clients get a stable `code`.
 */
const errors: FastifyPluginAsync = async (app) => {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const mapped = mapError(error);
    if (mapped.internal) req.log.error({ err: error, code: mapped.code }, 'request failed');
    else req.log.debug({ code: mapped.code, reason: error.message }, 'request rejected');
    return sendProblem(req, reply, mapped);
  });

  app.setNotFoundHandler((req, reply) =>
    sendProblem(req, reply, { status: 404, code: 'not_found', detail: 'No such resource.', internal: false }),
  );
};

export default fp(errors, { name: 'errors' });
