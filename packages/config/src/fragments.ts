import { z } from 'zod';

/**
 * Env fragments, one per concern. Apps compose the ones they need in their env.ts:
 *   const Env = z.object({ ...baseEnv, ...databaseEnv, ...redisEnv });
 * Every variable is documented in .env.example.
 */

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const port = z.coerce.number().int().min(0).max(65535);

export const baseEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public URL of the web app; used for links in emails. Never derived from a request's Host. */
  APP_URL: z.url().default('http://localhost:3000'),
};

export const databaseEnv = {
  DATABASE_URL: z.url().refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
};

export const redisEnv = {
  REDIS_URL: z.url().refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// URL'),
  /** Prefix for every Redis key and BullMQ queue; lets test workers share one server. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/)
    .default('gw'),
};

export const s3Env = {
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).default('groundwork'),
  S3_ACCESS_KEY_ID: z.string().min(1),
  S3_SECRET_ACCESS_KEY: z.string().min(1),
  S3_FORCE_PATH_STYLE: bool.default(true),
};

const MiB = 1024 * 1024;
const bytes = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * Files (docs/files.md): limits per purpose, the upload protocol's switch-over to multipart, the
 * organization quota and housekeeping. Read by the API (presign, completion) and the worker.
 */
export const filesEnv = {
  /** Largest organization file, in bytes (100 MiB). */
  FILES_MAX_BYTES: bytes.default(100 * MiB),
  /** Largest avatar or logo upload, in bytes (5 MiB). */
  FILES_AVATAR_MAX_BYTES: bytes.default(5 * MiB),
  /** Uploads larger than this use S3 multipart; smaller ones one presigned POST (16 MiB). */
  FILES_MULTIPART_THRESHOLD: bytes.default(16 * MiB),
  /** Multipart part size; S3 refuses parts under 5 MiB (except the last). */
  FILES_PART_SIZE: z.coerce
    .number()
    .int()
    .min(5 * MiB)
    .max(5 * 1024 * MiB)
    .default(8 * MiB),
  /** Bytes an organization may keep in files (ready and in-flight uploads count), 1 GiB. */
  FILES_ORG_QUOTA_BYTES: bytes.default(1024 * MiB),
  /** Uploads not completed within this many hours are aborted by housekeeping. */
  FILES_PENDING_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Deleted files' objects are purged after this many days. */
  FILES_DELETED_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  /** Images with more pixels than this are rejected before decoding (decompression bombs). */
  FILES_MAX_IMAGE_PIXELS: z.coerce.number().int().min(1).default(40_000_000),
};

export const smtpEnv = {
  SMTP_URL: z.url().refine((u) => /^smtps?:\/\//.test(u), 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().min(3).default('Groundwork <no-reply@groundwork.local>'),
};

export const apiEnv = {
  API_HOST: z.string().default('0.0.0.0'),
  API_PORT: port.default(4000),
  /** Comma-separated origins allowed by CORS (the web app uses same-origin /api and needs none). */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Fastify trustProxy: false, true, a hop count, or a comma-separated list of proxy addresses. */
  TRUST_PROXY: z.string().default('false'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /**
   * Bearer token for GET /metrics. Unset, the endpoint does not exist: per-route traffic and
   * runtime details are nobody's business but the scraper's.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
};

export const telemetryEnv = {
  /** Tracing is off unless an OTLP endpoint is set (zero cost by default). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
};

/** One cron field: `*`, `?`, a value, a range or a name (`MON`), each optionally stepped (`/5`), comma-joined. */
const cronField =
  /^(?:(?:\*|\?|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/[0-9]+)?)(?:,(?:\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/[0-9]+)?)*$/;
/** A 5-field (minute first) or 6-field (seconds first) cron pattern, as BullMQ job schedulers take. */
const cron = z
  .string()
  .trim()
  .refine((v) => {
    const fields = v.split(/\s+/);
    return (fields.length === 5 || fields.length === 6) && fields.every((f) => cronField.test(f));
  }, 'must be a cron pattern with 5 or 6 fields, e.g. "0 3 * * *"');

export const workerEnv = {
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(500),
  WORKER_HEALTH_PORT: port.default(4001),
  /** When the `users.purge` maintenance job runs (cron, UTC). Daily at 03:00 by default. */
  MAINTENANCE_PURGE_CRON: cron.default('0 3 * * *'),
};

/**
 * Account retention (D1), read by the API (restore window, "purged after" date) and the worker
 * (purge). At least one day: a deletion must stay undoable for a while, e.g. an admin's mistake.
 */
export const retentionEnv = {
  USER_DELETION_GRACE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
};

/** Outbound webhooks (docs/webhooks.md): what the URL guard allows and how deliveries behave. */
export const webhooksEnv = {
  /** Allow plain http:// endpoint URLs. Only the dev stack turns this on, for its local receiver. */
  WEBHOOK_ALLOW_HTTP: bool.default(false),
  /**
   * Comma-separated subnets endpoints may resolve to although they are private (self-hosted
   * receivers on an internal network), e.g. `10.20.0.0/16,fd12::/16`. Empty by default.
   */
  WEBHOOK_ALLOWED_CIDRS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** A delivery attempt that has not completed with a 2xx within this is a failure. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(15_000),
  /** Waits before each attempt, in seconds; the default spreads eight attempts over about a day. */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default('0,5,300,1800,7200,18000,36000,36000')
    .transform((v) => v.split(',').map((s) => Number(s.trim()) * 1000))
    .refine(
      (list) => list.length >= 1 && list.length <= 20 && list.every((n) => Number.isInteger(n) && n >= 0),
      {
        message: 'comma-separated whole seconds, 1 to 20 of them',
      },
    ),
  /** Requests in flight to one endpoint at once, across every worker process. */
  WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  /** Deliveries a worker process runs at once (all endpoints together). */
  WEBHOOK_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** An endpoint is disabled after this many messages in a row failed every attempt… */
  WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES: z.coerce.number().int().min(1).default(20),
  /** …or once it has failed without a single success for this many days. */
  WEBHOOK_DISABLE_AFTER_FAILING_DAYS: z.coerce.number().int().min(1).default(5),
};

export { bool as envBool, port as envPort };

/** Identity (A1–A3, A6). Durations are seconds unless the name says otherwise. */
export const authEnv = {
  /** HS256 key for access tokens; at least 32 characters. `pnpm dev` generates one per data dir. */
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  /** A session unused this long ends (sliding), whatever its absolute lifetime. */
  SESSION_IDLE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(14 * 86_400),
  SESSION_ABSOLUTE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(60 * 86_400),
  /** A rotated refresh token presented again within this window is a parallel tab, not theft. */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** Sudo mode: sensitive actions need an authentication at most this old. */
  SUDO_WINDOW_SECONDS: z.coerce.number().int().min(60).default(600),
  /** Admin impersonation (D1) ends this long after it starts: 1 minute to 4 hours, 30 by default. */
  IMPERSONATION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(4 * 3600)
    .default(1800),
  EMAIL_VERIFICATION_TTL_SECONDS: z.coerce.number().int().min(300).default(86_400),
  /**
   * A verification link opened in the browser that signed up, at most this long after the link
   * was issued, signs the new account in (ADR 0028); later, or elsewhere, it leads to sign-in.
   */
  SIGN_UP_CONTINUATION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
  /**
   * Waitlist mode: the landing page also offers the waitlist, and POST /v1/waitlist takes
   * entries. Off by default: sign-up is the way in. Read by the web app through GET /v1/meta.
   */
  WAITLIST_ENABLED: bool.default(false),
  PASSWORD_RESET_TTL_SECONDS: z.coerce.number().int().min(300).default(3600),
  /** Cookies: Secure + __Host- names. Off only for plain-http local development. */
  COOKIE_SECURE: bool.default(true),
  /** Sign-in failures per account before a temporary lock, and how long the lock lasts. */
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(3).default(10),
  LOCKOUT_SECONDS: z.coerce.number().int().min(60).default(900),
};

/** Organizations and API keys (A8, A9). */
export const orgEnv = {
  /** How long an emailed invitation link stays valid. */
  INVITATION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(3600)
    .default(7 * 86_400),
  /** After a rotation the old API key keeps working this long, so deployments can switch over. */
  API_KEY_ROTATION_OVERLAP_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
  /** Requests per API key per window (its own budget, apart from the per-IP limit). */
  API_KEY_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  API_KEY_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
};

/**
 * 32 bytes, base64 or base64url: encrypts secrets at rest (TOTP keys; webhook signing secrets
 * under a key derived from it). `pnpm dev` generates one. The API and the worker need the same.
 */
export const secretsAtRestEnv = {
  TOTP_ENCRYPTION_KEY: z
    .string()
    .refine((k) => Buffer.from(k, 'base64url').length === 32, 'must be 32 bytes, base64 encoded'),
};

/** Two-factor authentication (A4). */
export const twoFactorEnv = {
  ...secretsAtRestEnv,
  /** Who must use 2FA: nobody (optional for all), admins, or everyone. */
  TWO_FACTOR_POLICY: z.enum(['optional', 'admins', 'all']).default('optional'),
  TWO_FACTOR_CHALLENGE_TTL_SECONDS: z.coerce.number().int().min(60).max(1800).default(300),
  /** Wrong codes allowed per sign-in challenge before it is void. */
  TWO_FACTOR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  TRUSTED_DEVICE_DAYS: z.coerce.number().int().min(1).max(400).default(30),
};

export const OidcProviderConfig = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  label: z.string().min(1).max(60),
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
});
export type OidcProviderConfig = z.infer<typeof OidcProviderConfig>;

/** JSON-valued variables: unparsable text is passed on as is, so the next schema reports it. */
function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Social and enterprise sign-in (A5). Google and GitHub are on when their client id and secret
 * are set; any number of generic OIDC providers come as a JSON array in OIDC_PROVIDERS:
 * [{"id":"acme","label":"Acme SSO","issuer":"https://id.acme.com","clientId":"…","clientSecret":"…"}].
 * The *_URL overrides exist for tests and self-hosted mirrors of those providers' endpoints.
 */
export const ssoEnv = {
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  GOOGLE_ISSUER_URL: z.url().default('https://accounts.google.com'),
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  GITHUB_OAUTH_URL: z.url().default('https://github.com'),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  OIDC_PROVIDERS: z.string().default('[]').transform(parseJsonOrText).pipe(z.array(OidcProviderConfig)),
};
