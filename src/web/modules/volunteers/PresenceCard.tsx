import { Alert, App as AntApp, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useMakePresenceCode } from './volunteers.api';

/** 到场码: the resident shows it (or its QR) at the love-supermarket counter; valid a few minutes, once. */
export function PresenceCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [now, setNow] = useState(() => Date.now());
  const make = useMakePresenceCode();
  const pc = make.data;
  const expired = pc ? Date.parse(pc.expiresAt) <= now : false;
  useEffect(() => {
    if (!pc || expired) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [pc, expired]);
  return (
    <Card size="small" title={t('volunteers.presenceTitle')} data-testid="presence-card">
      <Space align="start" wrap>
        <Button
          type="primary"
          onClick={() => {
            setNow(Date.now());
            make.mutate(undefined, { onError: (e) => void message.error(errorMessage(e)) });
          }}
          loading={make.isPending}
          data-testid="presence-make"
        >
          {t('volunteers.presenceMake')}
        </Button>
        {pc && !expired && (
          <Space orientation="vertical" size={4}>
            <Typography.Text
              style={{ fontSize: 32, letterSpacing: 8, fontFamily: 'monospace' }}
              data-testid="presence-code"
            >
              {pc.code}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('volunteers.presenceHint', { minutes: Math.round(pc.ttlSeconds / 60) })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('volunteers.presenceExpires', { at: new Date(pc.expiresAt).toLocaleTimeString() })}
            </Typography.Text>
          </Space>
        )}
        {pc && !expired && (
          <div
            style={{ width: 160 }}
            dangerouslySetInnerHTML={{ __html: pc.svg }}
            data-testid="presence-qr"
            data-payload={pc.qrPayload}
          />
        )}
        {pc && expired && <Alert type="warning" showIcon title={t('volunteers.presenceExpired')} />}
      </Space>
    </Card>
  );
}
