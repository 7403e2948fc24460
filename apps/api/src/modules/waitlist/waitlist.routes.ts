import { JoinWaitlistBody, JoinWaitlistResponse, Problem } from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { type AppDeps, systemClock } from '../../types';
import { joinWaitlist } from './waitlist.service';

export interface WaitlistRoutesOptions {
  deps: AppDeps;
}

/**
 * Tighter than the global limit: the endpoint is unauthenticated and sends mail, so it is the
 * obvious tool for bombing a third party's inbox.
 */
export const WAITLIST_RATE_LIMIT = { max: 5, timeWindow: 60_000 };

export const waitlistRoutes: FastifyPluginAsyncZod<WaitlistRoutesOptions> = async (app, { deps }) => {
  const clock = deps.clock ?? systemClock;
  app.post(
    '/waitlist',
    {
      schema: {
        tags: ['waitlist'],
        summary: 'Join the waitlist',
        description:
          'Accepts an address for the waitlist and queues a welcome mail. Answers 202 whether or not ' +
          'the address was already on the list, so the endpoint cannot be used to test membership. ' +
          '404 when the waitlist is off (WAITLIST_ENABLED, see GET /v1/meta).',
        body: JoinWaitlistBody,
        response: { 202: JoinWaitlistResponse, 400: Problem, 404: Problem, 429: Problem },
      },
      config: { access: 'public', rateLimit: WAITLIST_RATE_LIMIT },
    },
    async (request, reply) => {
      if (!deps.env.WAITLIST_ENABLED)
        throw new AppError('not_found', 'There is no waitlist: sign up instead.');
      await joinWaitlist({ db: deps.db, clock }, request.body);
      return reply.code(202).send({ status: 'accepted' });
    },
  );
};
