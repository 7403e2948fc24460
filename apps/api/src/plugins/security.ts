import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityOptions {
  /** Exact origins allowed cross-origin; empty = no CORS headers at all (the web app is same-origin). */
  corsOrigins: string[];
}

const security: FastifyPluginAsync<SecurityOptions> = async (app, opts) => {
  await app.register(helmet, {
    // JSON API: nothing may load or frame it. The HTML reference page sets its own, hash-based
    // policy (plugins/openapi.ts).
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });

  await app.register(cors, {
    origin: opts.corsOrigins.length > 0 ? opts.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: [
      'x-request-id',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'retry-after',
    ],
    maxAge: 600,
  });

  await app.register(compress, {
    global: true,
    threshold: 1024,
    // gzip first: brotli costs far more CPU per response for a small gain on JSON.
    encodings: ['gzip', 'deflate', 'br'],
  });
};

export default fp(security, { name: 'security' });
