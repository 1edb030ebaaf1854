import { useState } from 'react';
import { App as AntApp, Button, Card, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { Grantable, Role } from '../../lib/types';
import { useSetMinorGranters } from './users.api';

/** The centre's setting: which of the district's roles may also open minor-protection accounts (audited). */
export function MinorGrantersCard({ grantable }: { grantable: Grantable }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [roles, setRoles] = useState<Role[]>(grantable.minorGranterRoles);
  const save = useSetMinorGranters();
  return (
    <Card size="small" title={t('users.minorGranters')} data-testid="users-minor-granters">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('users.minorGrantersHint')}
        </Typography.Paragraph>
        <Space wrap style={{ width: '100%' }}>
          <Select<Role[]>
            mode="multiple"
            allowClear
            style={{ width: 320, maxWidth: 'calc(100vw - 180px)' }}
            value={roles}
            onChange={setRoles}
            placeholder={t('users.minorGrantersNone')}
            options={grantable.delegableRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() =>
              save.mutate(roles, {
                onSuccess: () => void message.success(t('common.saved')),
                onError: (e) => void message.error(errorMessage(e)),
              })
            }
          >
            {t('common.save')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
