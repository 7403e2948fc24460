import {
  BackupCodesResponse,
  TrustedDeviceIdParams,
  TwoFactorConfirmBody,
  TwoFactorEnrolResponse,
  TwoFactorStatus,
} from '@repo/contracts';
import type { RouteShorthandOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { readCookie, setAccessCookie } from '../../lib/cookies';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import type { AuthContext } from '../../plugins/auth';
import type { AppDeps } from '../../types';
import {
  confirmEnrolment,
  disableTwoFactor,
  regenerateBackupCodes,
  revokeTrusted,
  startEnrolment,
  twoFactorStatus,
} from './enrolment.service';
import { trustedCookieName } from './trusted-devices';

const problems = problemResponses(400, 401, 403, 404, 409, 429);
const tags = ['two-factor'];
const Revoked = z.object({ revoked: z.number().int() });
const ConfirmResponse = BackupCodesResponse.extend({ accessToken: z.string().optional() });

const who = (auth: AuthContext | null): AuthContext => {
  if (!auth) throw new AppError('unauthorized');
  return auth;
};

/** Enrolment, backup codes, disabling and trusted devices (A4, ADR 0012). */
export const twoFactorRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { env } = deps;
  const secure = env.COOKIE_SECURE;
  // Declared access (ADR 0015); sudo routes additionally keep the sudo-mode guard.
  const auth = { config: { access: { permission: 'security:manage' } } } satisfies RouteShorthandOptions;
  const sudo = { ...auth, onRequest: [app.requireSudo] } satisfies RouteShorthandOptions;

  app.get(
    '/me/two-factor',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Two-factor status and trusted devices',
        response: { 200: TwoFactorStatus, ...problems },
      },
    },
    async (request) =>
      twoFactorStatus(deps, who(request.auth), readCookie(request.cookies, trustedCookieName(secure))),
  );

  app.post(
    '/me/two-factor/enrol',
    {
      ...sudo,
      schema: {
        tags,
        summary: 'Start enrolment: a new TOTP secret, its QR code and manual key (sudo)',
        description: 'Nothing changes until POST /me/two-factor/confirm accepts a first code.',
        body: z.strictObject({}).nullish(),
        response: { 200: TwoFactorEnrolResponse, ...problems },
      },
    },
    async (request) => startEnrolment(deps, who(request.auth)),
  );

  app.post(
    '/me/two-factor/confirm',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Confirm enrolment with a first code; returns ten backup codes, shown once',
        description:
          'When TWO_FACTOR_POLICY had confined the session (`mfa_required`), a full access token is ' +
          'issued too (cookie, or `accessToken` for Bearer clients).',
        body: TwoFactorConfirmBody,
        response: { 200: ConfirmResponse, ...problems },
      },
    },
    async (request, reply) => {
      const a = who(request.auth);
      const backupCodes = await confirmEnrolment(deps, a, request.body.code, requestMeta(request));
      if (!a.mfaRequired) return { backupCodes };
      // The confinement ends now, not at the next refresh.
      const accessToken = app.accessTokens.sign({
        sub: a.userId,
        sid: a.sessionId,
        role: a.role,
        amr: a.amr,
        auth_time: Math.floor(a.authTime.getTime() / 1000),
      });
      if (request.authVia === 'bearer') return { backupCodes, accessToken };
      setAccessCookie(reply, { secure }, accessToken, env.ACCESS_TOKEN_TTL_SECONDS);
      return { backupCodes };
    },
  );

  app.post(
    '/me/two-factor/backup-codes',
    {
      ...sudo,
      schema: {
        tags,
        summary: 'Replace the backup codes (sudo); the old ones stop working',
        body: z.strictObject({}).nullish(),
        response: { 200: BackupCodesResponse, ...problems },
      },
    },
    async (request) => ({
      backupCodes: await regenerateBackupCodes(deps, who(request.auth), requestMeta(request)),
    }),
  );

  app.delete(
    '/me/two-factor',
    {
      ...sudo,
      schema: {
        tags,
        summary: 'Turn two-factor authentication off (sudo)',
        description:
          'Removes the secret and backup codes and forgets every trusted device. 403 when TWO_FACTOR_POLICY requires it.',
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await disableTwoFactor(deps, who(request.auth), requestMeta(request));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/me/trusted-devices/:id',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Forget one remembered device: it needs the second factor again',
        params: TrustedDeviceIdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await revokeTrusted(deps, who(request.auth), requestMeta(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/trusted-devices/revoke-all',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Forget every remembered device',
        body: z.strictObject({}).nullish(),
        response: { 200: Revoked, ...problems },
      },
    },
    async (request) => ({ revoked: await revokeTrusted(deps, who(request.auth), requestMeta(request)) }),
  );
};
