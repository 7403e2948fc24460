/**
 * Writing to the transactional outbox (ADR 0005): events committed with the change they
 * announce, relayed by the worker. Used by the API, the worker and shared domain packages.
 */

export { memberRef, publishEvent, publishUserCreated, publishUserUpdated, userRef } from './publish';
export { writeOutboxEvent } from './write';
