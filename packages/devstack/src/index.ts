export { startDevstack } from './devstack';
export type { MailMessage } from './mail';
export { postgresUrl } from './postgres';
export { s3Client } from './s3';
export type { Devstack, DevstackOptions, ServiceInfo, ServiceName } from './types';
export { DEFAULT_PORTS, DevstackError } from './types';
