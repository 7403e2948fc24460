import type { AdminUserStatus } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';

const statusVariant = { active: 'success', disabled: 'destructive', deleted: 'outline' } as const;

export function StatusBadge({ status }: { status: AdminUserStatus }) {
  const t = useTranslations('AdminUsers.status');
  return (
    <Badge variant={statusVariant[status]} data-testid="admin-user-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: 'user' | 'admin' }) {
  const t = useTranslations('AdminUsers.roles');
  return <Badge variant={role === 'admin' ? 'default' : 'secondary'}>{t(role)}</Badge>;
}

/** Yes/no as text (never colour alone). */
export function YesNo({ value }: { value: boolean }) {
  const t = useTranslations('AdminUsers');
  return <span className={value ? undefined : 'text-muted-foreground'}>{value ? t('yes') : t('no')}</span>;
}
