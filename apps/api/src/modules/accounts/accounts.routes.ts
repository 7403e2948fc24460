import {
  Accepted,
  EmailOnlyBody,
  Problem,
  ResetPasswordBody,
  SignUpBody,
  UnlockBody,
  VerifyEmailBody,
} from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { primeDummyHash } from '../../lib/password';
import { requestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { forgotPassword, resetPassword, unlockAccount } from './password-reset.service';
import { resendVerification, signUp, verifyEmail } from './sign-up.service';

export interface AccountsRoutesOptions {
  deps: AppDeps;
}

/** Auth bodies are tiny (a 1,024-byte password is the largest field): refuse more early (413). */
export const AUTH_BODY_LIMIT = 16 * 1024;

export const VerifyEmailResponse = z.object({
  status: z.literal('verified'),
  /** `change_email`: the account's address is now the new one. */
  purpose: z.enum(['verify_email', 'change_email']),
});
export const StatusResponse = <T extends string>(status: T) => z.object({ status: z.literal(status) });

const problems = { 400: Problem, 401: Problem, 409: Problem, 413: Problem, 415: Problem, 429: Problem };
const ACCEPTED = { status: 'accepted' } as const;

/**
 * Public account endpoints: sign-up, email verification, password reset, unlock (A1, A3:
 * docs/identity.md).
 */
export const accountsRoutes: FastifyPluginAsyncZod<AccountsRoutesOptions> = async (app, { deps }) => {
  // The first unknown-email request would otherwise pay for building the dummy hash (a timing tell).
  app.addHook('onReady', async () => {
    await primeDummyHash();
  });

  app.post(
    '/auth/sign-up',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        description:
          'Always 202 with the same body: a new address gets a verification mail, an address that ' +
          'already has an account gets an "account exists" mail instead (no enumeration).',
        body: SignUpBody,
        response: { 202: Accepted, ...problems },
      },
    },
    async (request, reply) => {
      await signUp(deps, requestMeta(request), request.body);
      return reply.code(202).send(ACCEPTED);
    },
  );

  app.post(
    '/auth/verify-email',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
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

  app.post(
    '/auth/verify-email/resend',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Send a new verification link',
        description: 'Always 202: mails only an unverified account with this address.',
        body: EmailOnlyBody,
        response: { 202: Accepted, ...problems },
      },
    },
    async (request, reply) => {
      await resendVerification(deps, requestMeta(request), request.body);
      return reply.code(202).send(ACCEPTED);
    },
  );

  app.post(
    '/auth/password/forgot',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
        summary: 'Request a password reset link',
        description: 'Always 202: the link is mailed to the stored address of a matching account, if any.',
        body: EmailOnlyBody,
        response: { 202: Accepted, ...problems },
      },
    },
    async (request, reply) => {
      await forgotPassword(deps, requestMeta(request), request.body);
      return reply.code(202).send(ACCEPTED);
    },
  );

  app.post(
    '/auth/password/reset',
    {
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
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
      config: { access: 'public' },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['auth'],
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
