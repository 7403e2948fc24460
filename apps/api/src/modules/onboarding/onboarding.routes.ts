import { OnboardingState, UpdateOnboardingBody } from '@repo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { AUTH_BODY_LIMIT, problemResponses } from '../../lib/http/routes';
import type { AppDeps } from '../../types';
import { onboardingState, setOnboardingDismissed } from './onboarding.service';

export interface OnboardingRoutesOptions {
  deps: AppDeps;
}

const tags = ['account'];

/** The guards ran first; this only narrows the type (and fails closed if a guard was forgotten). */
function userId(request: FastifyRequest): string {
  if (!request.auth) throw new AppError('unauthorized');
  return request.auth.userId;
}

/** The signed-in user's getting-started checklist on the dashboard (docs/onboarding.md). */
export const onboardingRoutes: FastifyPluginAsyncZod<OnboardingRoutesOptions> = async (app, { deps }) => {
  app.get(
    '/me/onboarding',
    {
      config: { access: { permission: 'profile:read' } },
      schema: {
        tags,
        summary: 'The getting-started checklist',
        description: 'Each step is done or not according to the account’s data, at the time of the call.',
        response: { 200: OnboardingState, ...problemResponses(401) },
      },
    },
    async (request) => onboardingState(deps, userId(request)),
  );

  app.patch(
    '/me/onboarding',
    {
      config: { access: { permission: 'profile:write' } },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Close or reopen the getting-started checklist',
        body: UpdateOnboardingBody,
        response: { 200: OnboardingState, ...problemResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request) => setOnboardingDismissed(deps, userId(request), request.body.dismissed),
  );
};
