/**
 * The typed SDK of the Groundwork API (README.md). Types come from the API's OpenAPI document
 * (src/generated/schema.ts, `pnpm sdk:generate`); calls go through openapi-fetch.
 */
export type { AuthOption, RefreshOption, TokenPair } from './auth';
export {
  type CallMethod,
  type ClientOptions,
  createClient,
  type GroundworkClient,
  type ResponseData,
  type SignInResult,
} from './client';
export { type ApiError, type ErrorCode, GroundworkApiError, isApiError, type Problem } from './errors';
export type { components, operations, paths } from './generated/schema';

import type { components } from './generated/schema';

/** The schema of one named component: `Schema<'Organization'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
