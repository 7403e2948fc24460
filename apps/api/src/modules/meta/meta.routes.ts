import { MetaResponse } from '@repo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getMeta } from './meta.service';

export interface MetaRoutesOptions {
  version: string;
  features: MetaResponse['features'];
}

/** Contract (schemas in @repo/contracts) → route (HTTP only) → service (logic, takes deps). */
export const metaRoutes: FastifyPluginAsyncZod<MetaRoutesOptions> = async (app, { version, features }) => {
  app.get(
    '/meta',
    {
      config: { access: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'Name and version of the running API, and which optional public features are on',
        response: { 200: MetaResponse },
      },
    },
    async () => getMeta({ version, features }),
  );
};
