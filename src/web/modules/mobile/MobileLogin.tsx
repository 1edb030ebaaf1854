import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { LanguageSwitch } from '../../app/AppLayout';
import { login, ME_KEY } from '../auth/auth.api';

/** Password log-in for the phone app (phone-code log-in waits for the SMS provider). */
export function MobileLogin() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  const target = next && next.startsWith('/m/') && !next.startsWith('/m/login') ? next : '/m/';

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await login(v.username, v.password);
      qc.setQueryData(ME_KEY, r.user);
      void navigate(target, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', background: '#b71c1c', padding: 16, display: 'flex', flexDirection: 'column' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', color: '#fff', marginBottom: 24 }}>
        <strong style={{ fontSize: 22, letterSpacing: 2 }}>{t('app.brand')}</strong>
        <LanguageSwitch compact />
      </div>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('mobile.loginTitle')}
        </Typography.Title>
        {error && (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="m-login-error" />
        )}
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void onFinish(v)}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('auth.usernameRequired') }]}
          >
            <Input autoComplete="username" size="large" data-testid="m-login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" size="large" data-testid="m-login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="m-login-submit">
            {t('auth.login')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('mobile.phoneCodeLater')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
