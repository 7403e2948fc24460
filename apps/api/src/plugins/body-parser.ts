import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type JsonLimits, parseJsonBody } from '../lib/json-guard';

/**
 * JSON is the only request body type the API accepts: Fastify's defaults (JSON + text/plain) are
 * replaced, so text/plain and form posts get 415 before any handler runs. Parsing goes through
 * json-guard (depth/key limits, prototype-pollution keys, NUL and lone surrogates → 400).
 */
const bodyParser: FastifyPluginAsync<{ limits?: JsonLimits }> = async (app, opts) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    try {
      // DELETE with a JSON content type and no body is common from fetch wrappers: no body.
      if (body === '' && req.method === 'DELETE') return done(null, undefined);
      done(null, parseJsonBody(body as string, opts.limits));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
};

export default fp(bodyParser, { name: 'body-parser' });
