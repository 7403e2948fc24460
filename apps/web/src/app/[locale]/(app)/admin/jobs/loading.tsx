import { getTranslations } from 'next-intl/server';
import { AdminLoading } from '../_components/admin-loading';

export default async function Loading() {
  const t = await getTranslations('AdminJobs');
  return <AdminLoading label={t('loading')} />;
}
