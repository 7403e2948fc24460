import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Paths never written to logs (O1). Extend here rather than at call sites. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.refreshToken',
  '*.accessToken',
  '*.secret',
  '*.apiKey',
  'password',
  'token',
];

export interface LoggerConfig {
  service: string;
  level?: LoggerOptions['level'];
  /** Human-readable output for a terminal; JSON otherwise (and always in production). */
  pretty?: boolean;
}

export function createLogger({ service, level = 'info', pretty = false }: LoggerConfig): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  });
}
