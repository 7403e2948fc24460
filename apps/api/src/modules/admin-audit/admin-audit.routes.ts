import { recordAudit } from '@repo/audit';
import {
  AdminAuditLogDetail,
  AdminAuditLogFilters,
  AdminAuditLogList,
  AdminAuditLogParams,
  AdminAuditLogQuery,
  Problem,
} from '@repo/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { problemResponses } from '../../lib/http/routes';
import { requestMeta } from '../../lib/request-meta';
import { type AppDeps, systemClock } from '../../types';
import { filtersOf, getAuditLog, listAuditLogs } from './admin-audit.service';
import { auditCsvStream } from './audit-export';

export interface AdminAuditRoutesOptions {
  deps: AppDeps;
}

const problems = problemResponses(400, 401, 403, 429);
const access = { access: { permission: 'admin:access' as const } };

const FILTER_HELP =
  'Filters (all optional, combined with AND): `actorId`; `action` exact (`org.member_removed`) or a ' +
  'prefix ending in `.*` (`org.*`); `targetType` (+ `targetId`, which needs `targetType`); ' +
  '`organizationId`; `from`/`to`: inclusive ISO 8601 bounds on createdAt (from ≤ to, else 400).';

/** The access guard ran; this only narrows the type (and fails closed if it was removed). */
function adminIdOf(request: FastifyRequest): string {
  if (!request.auth) throw new AppError('unauthorized');
  return request.auth.userId;
}

/** Audit log viewer (D4, docs/admin.md), global admins only. */
export const adminAuditRoutes: FastifyPluginAsyncZod<AdminAuditRoutesOptions> = async (app, { deps }) => {
  const tags = ['admin'];

  app.get(
    '/admin/audit-logs',
    {
      config: access,
      schema: {
        tags,
        summary: 'Audit log (admin)',
        description: `Newest first. ${FILTER_HELP} Pages: pass \`nextCursor\` as \`cursor\` (opaque; a broken one is 400).`,
        querystring: AdminAuditLogQuery,
        response: { 200: AdminAuditLogList, ...problems },
      },
    },
    async (request) => listAuditLogs(deps, request.query),
  );

  app.get(
    '/admin/audit-logs/export',
    {
      config: access,
      schema: {
        tags,
        summary: 'Export the audit log as CSV (admin)',
        description:
          `Streams every matching row, newest first, as RFC 4180 CSV (cells that a spreadsheet would run ` +
          `as a formula are prefixed with \`'\`). ${FILTER_HELP} The export itself is audited ` +
          '(`admin.audit_exported`). A database failure after the first bytes cuts the response (no ' +
          'closing chunk), so a truncated file is never mistaken for a complete one.',
        querystring: AdminAuditLogFilters,
        response: {
          200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } },
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const filters = filtersOf(request.query);
      // Audited before the first byte: an export that fails half-way was still attempted.
      await recordAudit(deps.db, {
        actorId: adminIdOf(request),
        action: 'admin.audit_exported',
        targetType: 'audit_log',
        meta: requestMeta(request),
        after: { filters },
      });
      const abort = new AbortController();
      // 'close' also fires after a complete response; aborting then is a no-op.
      reply.raw.once('close', () => abort.abort());
      const stream = auditCsvStream({ db: deps.db, filters, signal: abort.signal, log: request.log });
      const day = (deps.clock ?? systemClock).now().toISOString().slice(0, 10);
      // The typed reply only knows the declared body type (a string); a stream is what is sent.
      return (reply as FastifyReply)
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  app.get(
    '/admin/audit-logs/:id',
    {
      config: access,
      schema: {
        tags,
        summary: 'One audit entry with its diff (admin)',
        description:
          'With the user agent and `{ before, after }` as stored (secrets were redacted when written).',
        params: AdminAuditLogParams,
        response: { 200: AdminAuditLogDetail, 404: Problem, ...problems },
      },
    },
    async (request) => getAuditLog(deps, request.params.id),
  );
};
