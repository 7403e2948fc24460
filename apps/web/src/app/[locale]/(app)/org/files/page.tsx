import { canInOrgAs, FileListResponse } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { Area } from '@/components/layout/area';
import { PageTitle } from '@/components/layout/page-title';
import { Badge } from '@/components/ui/badge';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { activeOrgFor } from '../_components/org-page';
import { FileLibrary } from './_components/file-library';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Files' });
  return { title: t('title') };
}

/**
 * The active organization's file library (docs/files.md). The first page of files and the usage
 * come from the server; uploads, search and paging run in the browser (FileLibrary).
 */
export default async function FilesPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Files');
  const orgs = await getTranslations('OrgSettings');
  const roles = await getTranslations('Orgs');
  const { org, denied } = await activeOrgFor(['files:read']);
  if (!org) return denied;
  const me = await getMe();
  if (!me) return null; // the layout redirects
  const first = await optional(
    serverGet(`/orgs/${encodeURIComponent(org.id)}/files?limit=24`, FileListResponse),
  );
  const impersonating = me.impersonation !== null;
  const canWrite = canInOrgAs(org.role, 'files:write', impersonating);
  const canManage = canInOrgAs(org.role, 'files:manage', impersonating);
  return (
    <Area
      name={orgs('title')}
      width="wide"
      testId="files-page"
      context={
        // The same line as the organization's settings pages: which organization, in which role.
        <span className="flex min-w-0 items-center gap-2 normal-case tracking-normal">
          <bdi className="min-w-0 break-words font-semibold text-foreground text-sm">{org.name}</bdi>
          <Badge variant="outline">{roles(`roles.${org.role}`)}</Badge>
        </span>
      }
    >
      <div className="flex max-w-4xl flex-col gap-6">
        <PageTitle lead={t('lead', { organization: org.name })}>{t('title')}</PageTitle>
        {first ? (
          // Keyed by organization and role: a switch starts from the server's fresh page.
          <FileLibrary
            key={`${org.id}:${org.role}`}
            orgId={org.id}
            canWrite={canWrite}
            canManage={canManage}
            myUserId={me.id}
            initial={first}
            timeZone={me.timezone}
          />
        ) : (
          <FormAlert>{orgs('unavailable')}</FormAlert>
        )}
      </div>
    </Area>
  );
}
