import {
  Accepted,
  EmailOnlyBody,
  ResetPasswordBody,
  SignUpBody,
  UnlockBody,
  VerifyEmailBody,
} from '@repo/contracts';
import type { RouteShorthandOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUTH_BODY_LIMIT, problemResponses, StatusResponse } from '../../lib/http/routes';
import { primeDummyHash } from '../../lib/password';
import { type RequestMeta, requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { forgotPassword, resetPassword, unlockAccount } from './password-reset.service';
import { resendVerification, signUp, verifyEmail } from './sign-up.service';

export interface AccountsRoutesOptions {
  deps: AppDeps;
}

export const VerifyEmailResponse = z.object({
  status: z.literal('verified'),
  /** `change_email`: the account's address is now the new one. */
  purpose: z.enum(['verify_email', 'change_email']),
});

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
    mail: (meta: RequestMeta, body: z.output<Body>) => Promise<unknown>,
  ) {
    app.post(
      url,
      { ...publicBody, schema: { tags, ...schema, response: { 202: Accepted, ...problems } } },
      async (request, reply) => {
        // Validated against `schema.body`; the type provider cannot see through the generic.
        await mail(requestMeta(request), request.body as z.output<Body>);
        return reply.code(202).send(ACCEPTED);
      },
    );
  }

  mailing(
    '/auth/sign-up',
    {
      summary: 'Create an account',
      description:
        'Always 202 with the same body: a new address gets a verification mail, an address that ' +
        'already has an account gets an "account exists" mail instead (no enumeration).',
      body: SignUpBody,
    },
    (meta, body) => signUp(deps, meta, body),
  );

  app.post(
    '/auth/verify-email',
    {
      ...publicBody,
      schema: {
        tags,
        summary: 'Confirm an email address from its emailed link',
        description: 'Sign-up verification and email-change confirmation. Each link works once.',
        body: VerifyEmailBody,
        response: { 200: VerifyEmailResponse, ...problems },
      },
    },
    async (request) => {
      const { purpose } = await verifyEmail(deps, requestMeta(request), request.body);
      return { status: 'verified' as const, purpose };
    },
  );

  mailing(
    '/auth/verify-email/resend',
    {
      summary: 'Send a new verification link',
      description: 'Always 202: mails only an unverified account with this address.',
      body: EmailOnlyBody,
    },
    (meta, body) => resendVerification(deps, meta, body),
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
