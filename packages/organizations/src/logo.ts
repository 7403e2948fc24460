import { recordAudit } from '@repo/audit';
import type { Tx } from '@repo/db';
import { lockOrganizations } from './ownership';

export type LogoChange = 'set' | 'superseded' | 'organization_gone';

type Upload = { id: string; createdAt: Date };

/** Uploads finishing out of order must not put an older logo back; UUIDv7 ids break ties. */
const isNewer = (candidate: Upload, current: Upload) =>
  candidate.createdAt.getTime() !== current.createdAt.getTime()
    ? candidate.createdAt > current.createdAt
    : candidate.id > current.id;

/**
 * Makes a ready logo file the organization's logo, in the transaction that made it ready, so an
 * organization never shows a file that is not ready. Under the organization's lock: the logo it
 * replaces is marked deleted (its objects go with the files purge), and an upload older than the
 * current logo (two uploads finishing out of order) is marked deleted instead of shown. Audited
 * `org.logo_changed` when the logo changes.
 */
export async function setOrganizationLogo(
  tx: Tx,
  input: { organizationId: string; fileId: string; actorId: string | null },
  now: Date,
): Promise<LogoChange> {
  const retire = (id: string) =>
    tx.file.updateMany({
      where: { id, status: { not: 'deleted' } },
      data: { status: 'deleted', deletedAt: now },
    });
  const [locked] = await lockOrganizations(tx, [input.organizationId]);
  if (!locked) {
    await retire(input.fileId);
    return 'organization_gone';
  }
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: input.organizationId },
    select: { logoFileId: true },
  });
  const candidate = await tx.file.findUniqueOrThrow({
    where: { id: input.fileId },
    select: { id: true, createdAt: true },
  });
  const previous = org.logoFileId
    ? await tx.file.findUnique({ where: { id: org.logoFileId }, select: { id: true, createdAt: true } })
    : null;
  if (previous?.id === candidate.id) return 'set';
  if (previous && !isNewer(candidate, previous)) {
    await retire(candidate.id);
    return 'superseded';
  }
  await tx.organization.update({ where: { id: input.organizationId }, data: { logoFileId: candidate.id } });
  if (previous) await retire(previous.id);
  await recordAudit(
    tx,
    {
      actorId: input.actorId,
      action: 'org.logo_changed',
      organizationId: input.organizationId,
      targetType: 'organization',
      targetId: input.organizationId,
      meta: null,
      before: { logoFileId: previous?.id ?? null },
      after: { logoFileId: candidate.id },
    },
    now,
  );
  return 'set';
}
