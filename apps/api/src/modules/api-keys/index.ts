/** Public surface of organization API keys (A9). */
export { apiKeysRoutes } from './api-keys.routes';
export { apiKeyStatus } from './api-keys.service';
