/** Public surface of outbound webhooks (J2, docs/webhooks.md). */
export { endpointHealth } from './endpoints.service';
export { webhooksRoutes } from './webhooks.routes';
