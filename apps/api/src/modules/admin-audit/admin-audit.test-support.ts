import { randomUUID } from 'node:crypto';
import type { Prisma } from '@repo/db';
import type { TestApp } from '../../app.test-support';
import { createOrgUser } from '../orgs/orgs.test-support';

/** Test-only fixtures for the admin audit viewer (imported by *.int.test.ts only). */

export const T0 = Date.parse('2026-03-01T12:00:00.000Z');

export interface SeedRow {
  action: string;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  organizationId?: string | null;
  /** Milliseconds after T0. */
  at: number;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  impersonatorId?: string | null;
  diff?: { before: unknown; after: unknown } | null;
}

/** Inserts rows as written by recordAudit (a unique organization id scopes each test's data). */
export async function seedRows(t: TestApp, rows: SeedRow[]) {
  await t.deps.db.auditLog.createMany({
    data: rows.map((r) => ({
      id: randomUUID(),
      action: r.action,
      actorId: r.actorId ?? null,
      targetType: r.targetType ?? null,
      targetId: r.targetId ?? null,
      organizationId: r.organizationId ?? null,
      ip: r.ip ?? null,
      userAgent: r.userAgent ?? null,
      requestId: r.requestId ?? null,
      impersonatorId: r.impersonatorId ?? null,
      ...(r.diff ? { diff: r.diff as Prisma.InputJsonValue } : {}),
      createdAt: new Date(T0 + r.at),
    })),
  });
}

export async function adminAndUser(t: TestApp) {
  const [admin, user] = await Promise.all([
    createOrgUser(t, { prefix: 'root', name: 'Ada Admin', globalRole: 'admin' }),
    createOrgUser(t, { prefix: 'plain', name: 'Una User' }),
  ]);
  return { admin, user };
}
