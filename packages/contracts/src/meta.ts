import { z } from 'zod';

/** GET /v1/meta: what is running. Example of a contract shared by the API, the web app and docs. */
export const MetaResponse = z.object({
  name: z.string(),
  version: z.string(),
  apiVersion: z.literal('v1'),
  /** Optional public features as configured: the landing page offers the waitlist only when on. */
  features: z.object({ waitlist: z.boolean() }),
});
export type MetaResponse = z.infer<typeof MetaResponse>;
