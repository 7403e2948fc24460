// Publishing public webhook events (docs/webhooks.md); shared with the worker (@repo/outbox).
export { memberRef, publishEvent, publishUserCreated, publishUserUpdated } from '@repo/outbox';
