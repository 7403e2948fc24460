import {
  Accepted,
  EmailOnlyBody,
  ResetPasswordBody,
  SignUpBody,
  UnlockBody,
  VerifyEmailBody,
  VerifyEmailResponse,
} from '@repo/contracts';
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  clearSignUpCookie,
  cookieNames,
  readCookie,
  setSignUpCookie,
  signUpCookieName,
} from '../../lib/cookies';
import { generateToken } from '../../lib/crypto-tokens';
import { AUTH_BODY_LIMIT, problemResponses, StatusResponse } from '../../lib/http/routes';
import { primeDummyHash } from '../../lib/password';
import { type RequestMeta, requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { issueSession } from '../two-factor';
import { forgotPassword, resetPassword, unlockAccount } from './password-reset.service';
import { resendVerification, signUp, verifyEmail } from './sign-up.service';

export interface AccountsRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 409, 413, 415, 429);
const ACCEPTED = { status: 'accepted' } as const;
const tags = ['auth'];
/** Every account endpoint is public (an address or an emailed token is the input) with a small body. */
const publicBody = {
  config: { access: 'public' },
  bodyLimit: AUTH_BODY_LIMIT,
} satisfies RouteShorthandOptions;

/**
 * Public account endpoints: sign-up, email verification, password reset, unlock (A1, A3:
 * docs/identity.md).
 */
export const accountsRoutes: FastifyPluginAsyncZod<AccountsRoutesOptions> = async (app, { deps }) => {
  const secure = deps.env.COOKIE_SECURE;
  const signUpCookie = signUpCookieName(secure);

  // The first unknown-email request would otherwise pay for building the dummy hash (a timing tell).
  app.addHook('onReady', async () => {
    await primeDummyHash();
  });

  /**
   * The endpoints that mail something (sign-up, a new verification link, a reset link) answer the
   * same 202 whatever the address, so they tell nobody whether an account exists.
   */
  function mailing<Body extends z.ZodType>(
    url: string,
    schema: { summary: string; description: string; body: Body },
    mail: (
      meta: RequestMeta,
      body: z.output<Body>,
      request: FastifyRequest,
      reply: FastifyReply,
    ) => Promise<unknown>,
  ) {
    app.post(
      url,
      { ...publicBody, schema: { tags, ...schema, response: { 202: Accepted, ...problems } } },
      async (request, reply) => {
        // Validated against `schema.body`; the type provider cannot see through the generic.
        await mail(requestMeta(request), request.body as z.output<Body>, request, reply);
        return reply.code(202).send(ACCEPTED);
      },
    );
  }

  mailing(
    '/auth/sign-up',
    {
      summary: 'Create an account',
      description:
        'Always 202 with the same body and a fresh sign-up cookie: a new address gets a ' +
        'verification mail, an address that already has an account gets an "account exists" mail ' +
        'instead (no enumeration). Opening the link in this browser soon after signs it in.',
      body: SignUpBody,
    },
    async (meta, body, _request, reply) => {
      // Every answer sets the cookie, so it tells nothing; only a new account's link is bound to it.
      const continuation = generateToken();
      await signUp(deps, meta, body, continuation);
      setSignUpCookie(reply, { secure }, continuation, deps.env.SIGN_UP_CONTINUATION_TTL_SECONDS);
    },
  );

  app.post(
    '/auth/verify-email',
    {
      ...publicBody,
      schema: {
        tags,
        summary: 'Confirm an email address from its emailed link',
        description:
          'Sign-up verification and email-change confirmation. Each link works once. A sign-up ' +
          'link opened in the browser that signed up (its sign-up cookie), soon enough, also signs ' +
          'that browser in (session cookies, `signedIn: true`).',
        body: VerifyEmailBody,
        response: { 200: VerifyEmailResponse, ...problems },
      },
    },
    async (request, reply) => {
      const continuation = readCookie(request.cookies, signUpCookie);
      const { purpose, email, session } = await verifyEmail(deps, requestMeta(request), request.body, {
        continuation,
        deviceCookie: readCookie(request.cookies, cookieNames(secure).device),
      });
      if (session) {
        issueSession(app, reply, deps.env, session, 'cookie');
        // Its link is spent: the cookie has nothing left to do. (One that did not match may still
        // belong to another sign-up in this browser, so it stays.)
        clearSignUpCookie(reply, { secure });
      }
      return { status: 'verified' as const, purpose, email, signedIn: session !== null };
    },
  );

  mailing(
    '/auth/verify-email/resend',
    {
      summary: 'Send a new verification link',
      description: 'Always 202: mails only an unverified account with this address.',
      body: EmailOnlyBody,
    },
    async (meta, body, request, reply) => {
      const continuation = readCookie(request.cookies, signUpCookie);
      await resendVerification(deps, meta, body, continuation);
      // The new link gets the full window in this browser, as the first one had.
      if (continuation)
        setSignUpCookie(reply, { secure }, continuation, deps.env.SIGN_UP_CONTINUATION_TTL_SECONDS);
    },
  );

  mailing(
    '/auth/password/forgot',
    {
      summary: 'Request a password reset link',
      description: 'Always 202: the link is mailed to the stored address of a matching account, if any.',
      body: EmailOnlyBody,
    },
    (meta, body) => forgotPassword(deps, meta, body),
  );

  app.post(
    '/auth/password/reset',
    {
      ...publicBody,
      schema: {
        tags,
        summary: 'Set a new password from a reset link',
        description: 'Signs the account out of every session and mails a "password changed" notice.',
        body: ResetPasswordBody,
        response: { 200: StatusResponse('password_reset'), ...problems },
      },
    },
    async (request) => {
      await resetPassword(deps, requestMeta(request), request.body);
      return { status: 'password_reset' as const };
    },
  );

  app.post(
    '/auth/unlock',
    {
      ...publicBody,
      schema: {
        tags,
        summary: 'Lift a temporary sign-in lock from the emailed link',
        body: UnlockBody,
        response: { 200: StatusResponse('unlocked'), ...problems },
      },
    },
    async (request) => {
      await unlockAccount(deps, requestMeta(request), request.body);
      return { status: 'unlocked' as const };
    },
  );
};
