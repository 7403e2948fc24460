import { Problem } from '@repo/contracts';
import { z } from 'zod';

/**
 * Pieces of route declarations that many feature modules share. They live below the modules so
 * that a module never reaches into another module's routes file for them.
 */

/** Auth bodies are tiny (a 1,024-byte password is the largest field): refuse more early (413). */
export const AUTH_BODY_LIMIT = 16 * 1024;

/** `{ status: '<status>' }`: the answer of an action that has nothing else to report. */
export const StatusResponse = <T extends string>(status: T) => z.object({ status: z.literal(status) });

/**
 * The error answers a route declares, each a problem+json body (docs/architecture.md, "Error
 * contract"): `response: { 200: Thing, ...problemResponses(400, 401, 429) }`.
 */
export function problemResponses<S extends number>(...statuses: S[]): Record<S, typeof Problem> {
  return Object.fromEntries(statuses.map((status) => [status, Problem])) as Record<S, typeof Problem>;
}
