import { getTranslations } from 'next-intl/server';
import { AdminLoading } from '../_components/admin-loading';

export default async function Loading() {
  const t = await getTranslations('AdminUsers');
  return <AdminLoading label={t('loading')} />;
}
