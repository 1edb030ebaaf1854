import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '../../lib/types';

export function UserStatusTags({ user }: { user: Pick<ManagedUser, 'isActive' | 'isLocked'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {user.isActive ? <Tag color="green">{t('users.status.active')}</Tag> : <Tag>{t('users.status.disabled')}</Tag>}
      {user.isLocked && <Tag color="red">{t('users.status.locked')}</Tag>}
    </Space>
  );
}
