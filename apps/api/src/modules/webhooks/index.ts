/** Public surface of outbound webhooks (J2, docs/webhooks.md). */
export { webhooksRoutes } from './webhooks.routes';
