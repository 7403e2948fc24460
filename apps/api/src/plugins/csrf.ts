import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { cookieNames } from '../lib/cookies';

export interface CsrfOptions {
  /** APP_URL: the web app, whose /api proxy forwards the browser's Origin. */
  appUrl: string;
  /** CORS_ORIGINS: other front ends allowed to call the API with credentials. */
  corsOrigins: string[];
  cookieSecure: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `none`: typed into the address bar or a bookmark — no other site involved. */
const SAFE_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * CSRF defence for cookie-authenticated mutations (ADR 0009): the browser
 * must prove the request comes from our own pages, by `Sec-Fetch-Site: same-origin` or an
 * `Origin` on the allow-list — both are set by the browser and cannot be forged by page script.
 * The second layer, JSON-only bodies (plugins/body-parser), rules out HTML form posts.
 * Requests with an Authorization header are exempt: a cross-site page cannot add one without a
 * CORS preflight, and such clients do not ride on ambient cookies. Requests without our auth
 * cookies have no ambient authority to abuse (sign-in is covered by the JSON-only rule).
 */
const csrf: FastifyPluginAsync<CsrfOptions> = async (app, opts) => {
  const allowed = new Set([new URL(opts.appUrl).origin, ...opts.corsOrigins.map((o) => new URL(o).origin)]);
  const names = cookieNames(opts.cookieSecure);

  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (request.headers.authorization !== undefined) return;
    const cookies = request.cookies ?? {};
    const credentialed = [names.access, names.refresh, names.impersonator];
    if (credentialed.every((name) => cookies[name] === undefined)) return;

    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string' && SAFE_FETCH_SITES.has(site)) return;
    const origin = request.headers.origin;
    if (typeof origin === 'string' && allowed.has(origin)) return;
    throw new AppError('csrf_rejected', 'Cross-site request refused.');
  });
};

export default fp(csrf, { name: 'csrf', dependencies: ['auth'] });
