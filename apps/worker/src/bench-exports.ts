/**
 * What `pnpm bench` (bench/) uses of the worker, as one stable export (`@repo/worker/bench`),
 * so the bench never reaches into src/. The worker itself never imports this file.
 */
export { startWebhooks, type WebhooksOptions } from './webhooks';
