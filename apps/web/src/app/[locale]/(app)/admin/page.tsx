import { redirect } from '@/i18n/navigation';

type Props = { params: Promise<{ locale: string }> };

/** The admin area opens on its overview. */
export default async function AdminIndexPage({ params }: Props) {
  redirect({ href: '/admin/overview', locale: (await params).locale });
}
