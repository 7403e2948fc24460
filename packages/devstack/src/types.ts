export type ServiceName = 'postgres' | 'redis' | 's3' | 'smtp' | 'inbox' | 'oidc' | 'webhooks';

export interface DevstackOptions {
  /** Root for service data. Dev: `<repo>/.data`. With `ephemeral`, a temp dir is made inside it. */
  dataDir: string;
  /** Tests: throw-away data (removed on stop), no durability, free ports unless given. */
  ephemeral?: boolean;
  /** 0 = any free port. Unset = the default dev port (or the next free one), or any free port when ephemeral. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Usually process.env. A service whose URL is set here is not started (the real one is used). */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export interface ServiceInfo {
  name: string;
  url: string;
  external: boolean;
}

export interface Devstack {
  env: Record<string, string>;
  services: ServiceInfo[];
  /** Stops every started service in reverse order. Safe to call more than once. */
  stop(): Promise<void>;
}

/** What the dev stack hands each service module it starts. */
export interface ServiceStartOptions {
  /** The service's own data folder. */
  dir: string;
  port: number;
  ephemeral: boolean;
  log: (line: string) => void;
}

/** What each service module returns once it answers. */
export interface RunningService {
  name: string;
  url: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export class DevstackError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DevstackError';
  }
}

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  postgres: 54320,
  redis: 63790,
  s3: 4569,
  smtp: 1025,
  inbox: 8025,
  /** Local OpenID provider (oidc.ts). */
  oidc: 4400,
  /** Local webhook receiver (webhooks.ts), next to the mail inbox. */
  webhooks: 8026,
};
