export { startDevstack } from './devstack';
export type { MailMessage } from './mail';
export {
  DEV_OIDC_CLIENT_ID,
  DEV_OIDC_CLIENT_SECRET,
  DEV_OIDC_DEMO_LOGIN,
  devAccountClaims,
  type OidcProviderOptions,
  type RunningOidcProvider,
  startOidcProvider,
} from './oidc';
export { postgresUrl } from './postgres';
export { s3Client } from './s3';
export type { Devstack, DevstackOptions, ServiceInfo, ServiceName } from './types';
export { DEFAULT_PORTS, DevstackError } from './types';
export type { CaughtRequest, DeliveryView, SignatureVerdict } from './webhooks';
