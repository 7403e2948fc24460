export type { AuditAction } from '@repo/contracts';
export { type AuditEntry, type AuditMeta, recordAudit, recordAudits } from './record';
export { isSecretKey, REDACTED, redact } from './redact';
