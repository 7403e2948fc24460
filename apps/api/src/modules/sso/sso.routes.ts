import {
  IdentitiesResponse,
  IdentityListQuery,
  IdentityParams,
  LinkStartBody,
  LinkStartResponse,
  Problem,
  SsoProviderParams,
  SsoProvidersResponse,
  SsoStartQuery,
} from '@repo/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { cookieNames, readCookie } from '../../lib/cookies';
import { requestMeta } from '../../lib/request-meta';
import { type AppDeps, systemClock } from '../../types';
import { issueSession, trustedCookieName } from '../two-factor';
import { exchangeCode, SsoFlowError, toFlowError } from './exchange';
import { appBase, beginFlow, callbackUri, clearFlowCookie, localeOf, safeNext } from './flow';
import { createFlowSealer, type FlowState, flowCookieName } from './flow-cookie';
import { listIdentities, unlinkIdentity } from './identities.service';
import { configuredProviders, createProviderClients, toView } from './providers';
import { linkIdentity, signInWithProvider } from './sso.service';

const SETTINGS_PATH = '/settings/security';

/** Social and enterprise sign-in (A5): provider list, start/callback redirects, connected accounts. */
export const ssoRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { env } = deps;
  const clock = deps.clock ?? systemClock;
  const providers = configuredProviders(env);
  const clients = createProviderClients(env);
  const sealer = createFlowSealer(env.AUTH_JWT_SECRET);
  const base = appBase(env);
  const names = cookieNames(env.COOKIE_SECURE);

  const findProvider = (id: string) => {
    const p = providers.find((x) => x.id === id);
    if (!p) throw new AppError('not_found', 'No such sign-in provider.');
    return p;
  };
  const redirect = (reply: FastifyReply, url: string) =>
    reply.header('cache-control', 'no-store').redirect(url, 302);

  /**
   * Failures land on sign-in (or settings, for a link) with a code the web translates. A failed
   * callback answers 400 (ADR 0013: a refused callback is a client error, and never a session)
   * with a `Refresh` header and a tiny page that forward the browser there; a failed start
   * (provider unreachable) is a plain redirect.
   */
  function fail(
    request: FastifyRequest,
    reply: FastifyReply,
    error: SsoFlowError,
    flow: FlowState | null,
    status: 302 | 400 = 302,
  ) {
    request.log.info({ code: error.code, err: error.cause ?? error }, 'sso flow failed');
    // Without its flow (expired, tampered, another browser) the API does not know where the user
    // started: a path without a locale lets the web pick the language they were using (the
    // NEXT_LOCALE cookie every localized page sets, then Accept-Language), not English.
    const target =
      flow?.mode === 'link'
        ? new URL(`${base}${flow.next}`)
        : new URL(flow ? `${base}/${flow.locale}/sign-in` : `${base}/sign-in`);
    target.searchParams.set('error', error.code);
    if (status === 302) return redirect(reply, target.toString());
    const href = escapeHtml(target.toString());
    return reply
      .code(400)
      .header('cache-control', 'no-store')
      .header('refresh', `0;url=${target.toString()}`)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}">` +
          `<title>Sign-in failed</title><p>Sign-in failed (${error.code}). <a href="${href}">Continue</a></p>`,
      );
  }

  app.get(
    '/auth/sso/providers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Configured sign-in providers',
        response: { 200: SsoProvidersResponse },
      },
    },
    async () => providers.map(toView),
  );

  app.get(
    '/auth/sso/:provider/start',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Start signing in with a provider (browser redirect)',
        description:
          '302 to the provider with PKCE (S256), state and nonce bound to a short-lived sealed ' +
          'cookie. `next` is a same-origin path with its locale; a provider that cannot be reached ' +
          'sends the browser back to sign-in with `?error=sso_provider_unavailable`.',
        params: SsoProviderParams,
        querystring: SsoStartQuery,
        response: { 302: z.null(), 404: Problem },
      },
    },
    async (request, reply) => {
      const provider = findProvider(request.params.provider);
      const next = safeNext(request.query.next) ?? `/${localeOf(request.query.next)}/dashboard`;
      try {
        const url = await beginFlow(env, clients, sealer, reply, {
          provider,
          mode: 'sign_in',
          next,
          nowMs: clock.now().getTime(),
        });
        return redirect(reply, url.toString());
      } catch (error) {
        return fail(request, reply, toFlowError(error), { locale: localeOf(next) } as FlowState);
      }
    },
  );

  app.get(
    '/auth/sso/:provider/callback',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Provider callback (browser redirect)',
        description:
          'Checks state, PKCE, issuer, audience and nonce, then signs in (or continues to the ' +
          'two-factor step, or links the identity). A refused callback answers 400 and forwards to sign-in with `?error=` and ' +
          'never opens a session.',
        params: SsoProviderParams,
        response: {
          302: z.null(),
          400: {
            description:
              'A refused callback: a page (and `Refresh` header) forwarding to sign-in with `?error=`; ' +
              'a malformed request gets a problem+json body.',
            content: { 'text/html': { schema: z.string() }, 'application/problem+json': { schema: Problem } },
          },
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const provider = findProvider(request.params.provider);
      const flow = sealer.open(request.cookies[flowCookieName(env.COOKIE_SECURE)], clock.now().getTime());
      clearFlowCookie(env, reply); // single use, whatever happens next
      try {
        if (!flow || flow.provider !== provider.id)
          throw new SsoFlowError('sso_state_invalid', 'flow cookie missing, expired or for another provider');
        // A link finishes only in the browser session that started it (no planted link flows).
        if (flow.mode === 'link' && request.auth?.userId !== flow.userId)
          throw new SsoFlowError('sso_state_invalid', 'link flow without its session');
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const current = new URL(`${callbackUri(env, provider.id)}${query}`);
        const config = await clients.config(provider);
        const profile = await exchangeCode(env, provider, config, current, flow).catch((e) => {
          throw toFlowError(e);
        });
        const meta = requestMeta(request);
        if (flow.mode === 'link' && flow.userId) {
          await linkIdentity(deps, { userId: flow.userId, provider, profile, meta });
          const target = new URL(`${base}${flow.next}`);
          target.searchParams.set('linked', provider.id);
          return redirect(reply, target.toString());
        }
        const outcome = await signInWithProvider(deps, {
          provider,
          profile,
          locale: flow.locale,
          meta,
          deviceCookie: readCookie(request.cookies, names.device),
          trustedDeviceCookie: readCookie(request.cookies, trustedCookieName(env.COOKIE_SECURE)),
        });
        if (outcome.kind === 'challenge') {
          const target = new URL(`${base}/${flow.locale}/two-factor`);
          target.searchParams.set('challenge', outcome.challengeToken);
          target.searchParams.set('next', flow.next);
          return redirect(reply, target.toString());
        }
        issueSession(app, reply, env, outcome, 'cookie');
        return redirect(reply, `${base}${flow.next}`);
      } catch (error) {
        if (error instanceof SsoFlowError) return fail(request, reply, error, flow, 400);
        throw error;
      }
    },
  );

  app.post(
    '/me/identities/:provider/link/start',
    {
      config: { access: { permission: 'security:manage' } },
      onRequest: [app.requireSudo],
      schema: {
        tags: ['me'],
        summary: 'Start linking a provider to this account (sudo)',
        description: 'Returns the provider URL to navigate to; the callback links the identity.',
        params: SsoProviderParams,
        body: LinkStartBody.nullish(),
        response: { 200: LinkStartResponse, 401: Problem, 403: Problem, 404: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const provider = findProvider(request.params.provider);
      const auth = request.auth as NonNullable<typeof request.auth>;
      const next = safeNext(request.body?.next) ?? `/en${SETTINGS_PATH}`;
      const url = await beginFlow(env, clients, sealer, reply, {
        provider,
        mode: 'link',
        next,
        userId: auth.userId,
        nowMs: clock.now().getTime(),
      });
      return { url: url.toString() };
    },
  );

  app.get(
    '/me/identities',
    {
      config: { access: { permission: 'security:manage' } },
      schema: {
        tags: ['me'],
        summary: 'Connected sign-in providers',
        description: 'Oldest link first by default; paged like every list (`cursor`, `limit`, `sort`).',
        querystring: IdentityListQuery,
        response: { 200: IdentitiesResponse, 400: Problem, 401: Problem },
      },
    },
    async (request) =>
      listIdentities(
        deps,
        (request.auth as NonNullable<typeof request.auth>).userId,
        providers,
        request.query,
      ),
  );

  app.delete(
    '/me/identities/:id',
    {
      config: { access: { permission: 'security:manage' } },
      onRequest: [app.requireSudo],
      schema: {
        tags: ['me'],
        summary: 'Disconnect a provider (sudo)',
        description: '409 last_sign_in_method when it is the only way to sign in.',
        params: IdentityParams,
        response: { 204: z.null(), 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const auth = request.auth as NonNullable<typeof request.auth>;
      await unlinkIdentity(deps, {
        userId: auth.userId,
        identityId: request.params.id,
        meta: requestMeta(request),
      });
      return reply.code(204).send(null);
    },
  );
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
