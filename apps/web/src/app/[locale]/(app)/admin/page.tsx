import { redirect } from '@/i18n/navigation';

type Props = { params: Promise<{ locale: string }> };

/** The admin area opens on its first section. */
export default async function AdminIndexPage({ params }: Props) {
  redirect({ href: '/admin/users', locale: (await params).locale });
}
