import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiKeysCard } from './ApiKeysCard';

/** 我的接口密钥: every signed-in account manages its own Open311 keys here. */
export default function MyApiKeysPage() {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={4}>{t('apiKeys.myTitle')}</Typography.Title>
      <ApiKeysCard owner="me" title={t('apiKeys.myTitle')} />
    </div>
  );
}
