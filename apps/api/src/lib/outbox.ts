// The API's outbox entry point; the writer itself is shared with the worker (@repo/outbox).
export { writeOutboxEvent } from '@repo/outbox';
