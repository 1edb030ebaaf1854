import { useState } from 'react';
import { App as AntApp, Button, Divider, Input, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { ManagedUser } from '../../lib/types';
import { useUpdateUser } from './users.api';

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** 登录手机号: the number the account signs in with by SMS code (验证码登录) — set, changed or removed. */
export function LoginMobileForm({ user }: { user: ManagedUser }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const update = useUpdateUser(user.id);
  const [value, setValue] = useState('');
  const valid = MOBILE_PATTERN.test(value.trim());
  const save = (mobile: string | null) =>
    update.mutate(
      { mobile },
      {
        onSuccess: () => {
          setValue('');
          void message.success(mobile ? t('users.mobileSet') : t('users.mobileRemoved'));
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <>
      <Divider titlePlacement="start" style={{ margin: '8px 0' }}>
        {t('users.mobile')}
      </Divider>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {user.mobileMasked ? t('users.mobileCurrent', { mobile: user.mobileMasked }) : t('users.mobileNone')}{' '}
        {t('users.mobileHint')}
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%', maxWidth: 360 }}>
        <Input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          inputMode="numeric"
          maxLength={11}
          placeholder={t('users.mobilePlaceholder')}
          status={value && !valid ? 'error' : undefined}
          data-testid="users-mobile-input"
        />
        <Button
          type="primary"
          disabled={!valid}
          loading={update.isPending}
          onClick={() => save(value.trim())}
          data-testid="users-mobile-save"
        >
          {t('common.save')}
        </Button>
      </Space.Compact>
      {value && !valid && <Typography.Text type="danger">{t('users.mobileRule')}</Typography.Text>}
      {user.mobileMasked && (
        <div style={{ marginTop: 8 }}>
          <Popconfirm
            title={t('users.mobileRemoveConfirm')}
            okText={t('users.mobileRemove')}
            cancelText={t('common.cancel')}
            onConfirm={() => save(null)}
          >
            <Button size="small" danger data-testid="users-mobile-remove">
              {t('users.mobileRemove')}
            </Button>
          </Popconfirm>
        </div>
      )}
    </>
  );
}
