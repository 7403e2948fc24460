import { Readable } from 'node:stream';
import { ADMIN_AUDIT_CSV_COLUMNS, type AdminAuditLogFilters } from '@repo/contracts';
import type { Db } from '@repo/db';
import type { FastifyBaseLogger } from 'fastify';
import { type CursorPosition, keysetOrderBy, keysetWhere, positionOf } from '../../lib/list';
import { auditList, auditWhere } from './audit-query';
import { csvLine } from './csv';

/** Rows per query: big enough to keep round trips few, small enough to stay a few MB in memory. */
export const EXPORT_BATCH_SIZE = 1000;

export interface ExportOptions {
  db: Db;
  filters: AdminAuditLogFilters;
  /** Aborted when the client goes away: no further query is started. */
  signal?: AbortSignal;
  batchSize?: number;
  log?: FastifyBaseLogger;
}

const exportSelect = {
  id: true,
  createdAt: true,
  action: true,
  actorId: true,
  actor: { select: { email: true } },
  impersonatorId: true,
  targetType: true,
  targetId: true,
  organizationId: true,
  ip: true,
  userAgent: true,
  requestId: true,
  diff: true,
} as const;

/**
 * The CSV, one string per batch: a keyset query of `batchSize` rows (the list's keyset, from the
 * last row's position rather than a cursor), formatted, yielded, then
 * the next query only when the consumer asks for more (so a slow client slows the queries
 * instead of filling memory). Only one batch is held at a time.
 */
export async function* auditCsvChunks(options: ExportOptions): AsyncGenerator<string> {
  const { db, filters, signal, batchSize = EXPORT_BATCH_SIZE } = options;
  let after: CursorPosition | undefined;
  let rowCount = 0;
  let finished = false;
  try {
    yield csvLine(ADMIN_AUDIT_CSV_COLUMNS);
    for (;;) {
      // Set when the response closes; a destroyed stream also ends this generator at its next
      // `yield` (Readable.from calls return()), so at most the query in flight completes.
      if (signal?.aborted) return;
      let rows: Awaited<ReturnType<typeof fetchBatch>>;
      try {
        rows = await fetchBatch(db, filters, after, batchSize);
      } catch (error) {
        finished = true;
        // Headers and part of the body are gone already: the response can only be cut (see route).
        options.log?.error({ err: error, rowCount }, 'audit export failed mid-stream; response cut');
        throw error;
      }
      if (rows.length > 0) {
        rowCount += rows.length;
        yield rows.map(toCsvLine).join('');
      }
      if (rows.length < batchSize) {
        finished = true;
        return;
      }
      after = positionOf(auditList, SORT, rows[rows.length - 1]);
    }
  } finally {
    if (!finished) options.log?.info({ rowCount }, 'audit export stopped: the client went away');
  }
}

type ExportRow = Awaited<ReturnType<typeof fetchBatch>>[number];

function toCsvLine(row: ExportRow): string {
  return csvLine([
    row.createdAt.toISOString(),
    row.action,
    row.actorId,
    row.actor?.email,
    row.impersonatorId,
    row.targetType,
    row.targetId,
    row.organizationId,
    row.ip,
    row.userAgent,
    row.requestId,
    row.diff === null ? null : JSON.stringify(row.diff),
  ]);
}

const SORT = 'createdAt:desc';

function fetchBatch(db: Db, filters: AdminAuditLogFilters, after: CursorPosition | undefined, take: number) {
  return db.auditLog.findMany({
    where: { AND: [auditWhere(filters), keysetWhere(auditList, SORT, after)] },
    orderBy: keysetOrderBy(auditList, SORT),
    take,
    select: exportSelect,
  });
}

/**
 * A byte stream over auditCsvChunks. Not object mode, with a 64 KiB buffer: Readable.from's
 * default (object mode, 16 items) would read up to 16 batches ahead of a slow client.
 */
export function auditCsvStream(options: ExportOptions): Readable {
  return Readable.from(auditCsvChunks(options), { objectMode: false, highWaterMark: 64 * 1024 });
}
